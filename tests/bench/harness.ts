/**
 * Benchmark harness. Every suite in tests/bench/suites/*.bench.ts exports `suite: BenchSuite`;
 * `npm run bench` runs them all in one process, prints one table and writes
 * tests/bench/results/latest.json. Targets are reported, never asserted.
 */
export interface BenchRow {
  suite: string;
  name: string;
  /** The measured figure (median), in `unit`. */
  value: number;
  unit: 'ms' | 'µs' | 'ops/s' | 'MiB' | 's' | 'x';
  /** value / baseline (e.g. registry vs raw SQL floor, 10x data vs 1x). */
  ratio?: number;
  baseline?: string;
  target?: string;
  note?: string;
}

export interface BenchSuite {
  name: string;
  /** Set false to skip from the default `npm run bench` (e.g. needs generated data). */
  enabled?: boolean;
  run(): Promise<BenchRow[]>;
}

/** Median time per call in ms: warm up, then repeat until both minIters and minMs are reached. */
export async function timeIt(fn: () => unknown, opts: { minIters?: number; minMs?: number; warmup?: number } = {}): Promise<number> {
  const { minIters = 20, minMs = 300, warmup = 3 } = opts;
  for (let i = 0; i < warmup; i++) await fn();
  const samples: number[] = [];
  const start = performance.now();
  while (samples.length < minIters || performance.now() - start < minMs) {
    const t = performance.now();
    await fn();
    samples.push(performance.now() - t);
    if (samples.length > 100_000) break;
  }
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)];
}

export const ratio = (a: number, b: number) => (b > 0 ? a / b : NaN);

export function formatTable(rows: BenchRow[]): string {
  const head = ['suite', 'name', 'value', 'unit', 'ratio', 'baseline', 'target', 'note'];
  const cells = rows.map((r) => [
    r.suite,
    r.name,
    r.value < 10 ? r.value.toFixed(3) : r.value.toFixed(1),
    r.unit,
    r.ratio === undefined ? '' : `${r.ratio.toFixed(2)}x`,
    r.baseline ?? '',
    r.target ?? '',
    r.note ?? '',
  ]);
  const w = head.map((h, i) => Math.max(h.length, ...cells.map((c) => [...c[i]].length)));
  const line = (c: string[]) => c.map((x, i) => x + ' '.repeat(w[i] - [...x].length)).join(' | ');
  return [line(head), w.map((n) => '-'.repeat(n)).join('-|-'), ...cells.map(line)].join('\n');
}
