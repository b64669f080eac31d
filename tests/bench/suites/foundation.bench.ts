import Database from 'better-sqlite3';
import { timeIt, ratio, type BenchSuite, type BenchRow } from '../harness';
import { setUpStation, testApp } from '../../unit/helpers';
import { startServer } from '../../../src-main/server/http';
import { sha256 } from '../../../src-main/core/util/ids';

/** The registry's own overhead: auth.me through dispatch vs the same two lookups as raw SQL. */
export const suite: BenchSuite = {
  name: 'foundation',
  async run() {
    const t = testApp();
    const { admin, token } = await setUpStation(t);
    const rows: BenchRow[] = [];
    const raw = new Database(`${t.dir}/watchroom.sqlite`, { readonly: true });
    const s1 = raw.prepare('SELECT * FROM sessions WHERE token_hash = ?');
    const s2 = raw.prepare('SELECT * FROM users WHERE id = ?');
    const s3 = raw.prepare('SELECT * FROM station WHERE singleton = 1');
    const th = sha256(token);
    const floor = await timeIt(() => {
      const s = s1.get(th) as { user_id: string };
      s2.get(s.user_id);
      s3.get();
    }, { minIters: 2000 });
    const reg = await timeIt(() => admin.ok('auth.me'), { minIters: 2000 });
    rows.push({ suite: 'foundation', name: 'auth.me raw SQL floor', value: floor * 1000, unit: 'µs' });
    rows.push({ suite: 'foundation', name: 'auth.me via registry', value: reg * 1000, unit: 'µs', ratio: ratio(reg, floor), baseline: 'raw SQL', target: '≤1.3x (read)', note: 'includes session check + read transaction' });

    const srv = await startServer({ app: t, port: 0 });
    const http = await timeIt(
      () =>
        fetch(`${srv.url}/api/rpc/auth.me`, { method: 'POST', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }, body: '{}' }).then((r) => r.json()),
      { minIters: 300 },
    );
    rows.push({ suite: 'foundation', name: 'auth.me over HTTP', value: http * 1000, unit: 'µs', ratio: ratio(http, reg), baseline: 'in-process registry', target: '≤3x' });
    await srv.close();

    const write = await timeIt(() => admin.ok('auth.setLocale', { locale: 'zh-CN' }), { minIters: 200 });
    rows.push({ suite: 'foundation', name: 'audited mutation (auth.setLocale)', value: write, unit: 'ms', note: 'IMMEDIATE txn + audit row, synchronous=FULL' });
    raw.close();
    t.close();
    return rows;
  },
};
