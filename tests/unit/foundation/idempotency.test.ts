import { afterEach, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../../src-main/server/http';
import { world, call, counts } from '../incidents/fixtures';
import { IDEMPOTENCY_TTL_MS } from '../../../src-main/core/api/idempotency';
import type { TestApp } from '../helpers';

let srv: RunningServer | null = null;
afterEach(async () => {
  await srv?.close();
  srv = null;
});

/** A caller that sends an idempotency key, as a client retrying after a lost reply does. */
function keyed(t: TestApp, token: string, key: string) {
  return (m: string, input: unknown) => t.call(m, input, { token, transport: 'test', locale: 'en', remote: 'test', idempotencyKey: key });
}
const tokenOf = (t: TestApp, username: string) => {
  // The world's callers hold their tokens; sign in again for a raw token.
  return t.anon.ok('auth.login', { username, password: 'changed-pass-1' }).then((l) => l.token);
};

describe('idempotent writes: a retry after a lost reply writes once', () => {
  it('the same key and input return the first outcome and write nothing more', async () => {
    const w = await world();
    const token = await tokenOf(w.t, 'op1');
    const send = keyed(w.t, token, 'retry-key-0001');
    const before = counts(w.t);
    const a = await send('incidents.create', call());
    const mid = counts(w.t);
    const b = await send('incidents.create', call());
    expect(a.ok && b.ok).toBe(true);
    expect(b).toEqual(a);
    expect(mid.incidents).toBe(before.incidents + 1);
    expect(counts(w.t)).toEqual(mid); // no second incident, no second audit row
  });

  it('the same key with other input is CONFLICT, and changes nothing', async () => {
    const w = await world();
    const token = await tokenOf(w.t, 'op1');
    const send = keyed(w.t, token, 'retry-key-0002');
    await send('incidents.create', call());
    const mid = counts(w.t);
    const r = await send('incidents.create', call({ summary: '另一起' }));
    expect(r.ok ? null : r.error.code).toBe('CONFLICT');
    expect(r.ok ? '' : r.error.message).toMatch(/retry key was already used/);
    expect(counts(w.t)).toEqual(mid);
  });

  it('keys are per user, expire after a day, and a malformed key is refused with nothing written', async () => {
    const w = await world();
    const op = await tokenOf(w.t, 'op1');
    const lead = await tokenOf(w.t, 'lead1');
    await keyed(w.t, op, 'shared-key-0003')('incidents.create', call());
    const other = await keyed(w.t, lead, 'shared-key-0003')('incidents.create', call());
    expect(other.ok).toBe(true); // another user's key space
    const n = counts(w.t).incidents;
    w.t.clock.advance(IDEMPOTENCY_TTL_MS + 1);
    const op2 = await tokenOf(w.t, 'op1'); // the old session has expired by now
    await keyed(w.t, op2, 'fresh-key-00004')('incidents.create', call()); // prunes the old replies
    const again = await keyed(w.t, op2, 'shared-key-0003')('incidents.create', call());
    expect(again.ok).toBe(true);
    expect(counts(w.t).incidents).toBe(n + 2);
    const before = counts(w.t);
    const bad = await keyed(w.t, op2, 'short')('incidents.create', call());
    expect(bad.ok ? null : bad.error.code).toBe('VALIDATION');
    expect(counts(w.t)).toEqual(before);
  });

  it('over HTTP the Idempotency-Key header carries the key', async () => {
    const w = await world();
    const token = await tokenOf(w.t, 'op1');
    srv = await startServer({ app: w.t, port: 0 });
    const post = () =>
      fetch(`${srv!.url}/api/rpc/incidents.create`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}`, 'Idempotency-Key': 'http-retry-0005' },
        body: JSON.stringify(call()),
      }).then((r) => r.json() as Promise<{ ok: boolean; value?: { id: string } }>);
    const n = counts(w.t).incidents;
    const a = await post();
    const b = await post();
    expect(a.ok && b.ok).toBe(true);
    expect(b.value!.id).toBe(a.value!.id);
    expect(counts(w.t).incidents).toBe(n + 1);
  });
});
