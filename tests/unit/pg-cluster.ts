import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

/**
 * A throwaway PostgreSQL cluster for a test file: initdb into a temp folder, started on loopback
 * at a free port with its socket in the same folder, stopped and removed after. Nothing here uses
 * a server the tests did not start. PostgreSQL refuses to run as root, so under uid 0 (CI) the
 * cluster runs as the unprivileged `postgres` user, which owns the temp folder.
 */
const BIN_DIRS = ['/usr/lib/postgresql/17/bin', '/usr/lib/postgresql/16/bin', '/usr/lib/postgresql/15/bin'];

export function pgBinDir(): string | null {
  if (process.env.WATCHROOM_PG_BIN && fs.existsSync(path.join(process.env.WATCHROOM_PG_BIN, 'initdb'))) return process.env.WATCHROOM_PG_BIN;
  for (const d of BIN_DIRS) if (fs.existsSync(path.join(d, 'initdb'))) return d;
  for (const d of (process.env.PATH ?? '').split(path.delimiter)) if (d && fs.existsSync(path.join(d, 'initdb')) && fs.existsSync(path.join(d, 'pg_ctl'))) return d;
  return null;
}

/** Why pg tests are skipped here, or null when they run (only missing binaries skip them). */
export const PG_SKIP_REASON = pgBinDir() ? null : 'PostgreSQL server binaries (initdb, pg_ctl) not found: install Debian\'s `postgresql` package (.ci/run does)';

export interface PgCluster {
  port: number;
  /** Connection string of a fresh database on this cluster. */
  url(db?: string): string;
  createDb(name: string): Promise<string>;
  stop(): void;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const p = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(p));
    });
  });
}

export async function startPgCluster(): Promise<PgCluster> {
  const bin = pgBinDir();
  if (!bin) throw new Error(PG_SKIP_REASON!);
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'wr-pg-'));
  const asRoot = process.getuid?.() === 0;
  const run = (cmd: string, args: string[]) => {
    const exe = path.join(bin, cmd);
    if (asRoot) execFileSync('runuser', ['-u', 'postgres', '--', exe, ...args], { stdio: 'pipe' });
    else execFileSync(exe, args, { stdio: 'pipe' });
  };
  if (asRoot) {
    fs.chmodSync(root, 0o755);
    execFileSync('chown', ['postgres:', root]);
  }
  const data = path.join(root, 'data');
  const port = await freePort();
  // trust on loopback is for this throwaway cluster only; README shows scram-sha-256 for a real hub.
  run('initdb', ['-D', data, '-U', 'watchroom', '--auth=trust', '-E', 'UTF8', '--locale=C', '--no-sync']);
  run('pg_ctl', ['-D', data, '-l', path.join(root, 'log'), '-w', '-t', '30', '-o', `-c listen_addresses=127.0.0.1 -p ${port} -k ${root} -c fsync=off -c max_connections=200`, 'start']);
  let stopped = false;
  const url = (db = 'postgres') => `postgres://watchroom@127.0.0.1:${port}/${db}`;
  return {
    port,
    url,
    async createDb(name) {
      const { Client } = await import('pg');
      const c = new Client({ connectionString: url() });
      await c.connect();
      try {
        await c.query(`CREATE DATABASE "${name.replace(/"/g, '')}"`);
      } finally {
        await c.end();
      }
      return url(name);
    },
    stop() {
      if (stopped) return;
      stopped = true;
      try {
        run('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']);
      } finally {
        fs.rmSync(root, { recursive: true, force: true });
      }
    },
  };
}
