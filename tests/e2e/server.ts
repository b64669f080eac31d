import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface StationServer {
  url: string;
  dataDir: string;
  port: number;
  proc: ChildProcess;
  stop(): Promise<void>;
}

/**
 * Starts the built web mode (out/main/launcher.js) with its own data folder, on a free port
 * unless one is given (a restarted station keeps its port).
 */
export async function startStation(
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'wr-e2e-')),
  opts: { port?: number; env?: Record<string, string> } = {},
): Promise<StationServer> {
  const proc = spawn(process.execPath, ['out/main/launcher.js', '--web', '--port', String(opts.port ?? 0), '--data-dir', dataDir], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...opts.env },
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    const t = setTimeout(() => reject(new Error(`server did not start: ${out}`)), 20_000);
    proc.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /(http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (m) {
        clearTimeout(t);
        resolve(m[1]);
      }
    });
    proc.stderr!.on('data', (d: Buffer) => (out += d.toString()));
    proc.on('exit', (c) => reject(new Error(`server exited ${c}: ${out}`)));
  });
  return {
    url,
    dataDir,
    port: Number(new URL(url).port),
    proc,
    stop: () =>
      new Promise<void>((r) => {
        if (proc.exitCode !== null) return r();
        proc.on('exit', () => r());
        proc.kill('SIGTERM');
      }),
  };
}

export const shotDir = path.join('test-results', 'screenshots');
export const shot = (name: string) => ({ path: path.join(shotDir, `${name}.png`), fullPage: true });

/** A typed-enough RPC caller against a started station (resolves with the value, throws on an error reply). */
export const rpcClient =
  (url: string) =>
  async <T = unknown>(method: string, input: unknown, token?: string): Promise<T> => {
    const r = await fetch(`${url}/api/rpc/${method}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(input),
    });
    const j = (await r.json()) as { ok: boolean; value: T; error?: unknown };
    if (!j.ok) throw new Error(`${method}: ${JSON.stringify(j.error)}`);
    return j.value;
  };
