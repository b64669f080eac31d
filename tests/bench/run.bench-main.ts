import fs from 'node:fs';
import path from 'node:path';
import { test } from 'vitest';
import { formatTable, type BenchRow, type BenchSuite } from './harness';

const suites = import.meta.glob('./suites/*.bench.ts', { eager: true }) as Record<string, { suite: BenchSuite }>;
const only = process.env.BENCH_ONLY?.split(',');

test('benchmarks', async () => {
  const rows: BenchRow[] = [];
  for (const [file, mod] of Object.entries(suites).sort(([a], [b]) => a.localeCompare(b))) {
    const s = mod.suite;
    if (s.enabled === false || (only && !only.includes(s.name))) continue;
    const t = Date.now();
    try {
      rows.push(...(await s.run()));
    } catch (e) {
      rows.push({ suite: s.name, name: 'FAILED', value: 0, unit: 'ms', note: String(e).slice(0, 200) });
    }
    console.log(`[bench] ${s.name} (${file}) ${((Date.now() - t) / 1000).toFixed(1)} s`);
  }
  const table = formatTable(rows);
  console.log('\n' + table + '\n');
  const out = path.join('tests', 'bench', 'results');
  fs.mkdirSync(out, { recursive: true });
  const meta = { at: new Date().toISOString(), node: process.version, cpus: (await import('node:os')).cpus().length };
  fs.writeFileSync(path.join(out, 'latest.json'), JSON.stringify({ ...meta, rows }, null, 2));
  fs.writeFileSync(path.join(out, 'latest.md'), `# Benchmark figures\n\n${meta.at}, Node ${meta.node}, ${meta.cpus} cores\n\n\`\`\`\n${table}\n\`\`\`\n`);
});
