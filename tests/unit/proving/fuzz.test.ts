/**
 * Property-based fuzzing of EVERY registry method (issue 8 "Bad input"). Inputs come from each
 * method's own JSON Schema (valid-looking values, biased to ids and names that exist) mixed
 * with hostile values; callers are every role, nobody, and forged tokens. For each call:
 *   - the result is typed: a code from ERROR_CODES, never INTERNAL, with a message; no throw;
 *   - a rejected call (and any read) leaves the database digest unchanged;
 *   - nothing leaks onto Object.prototype.
 * CI runs FUZZ_RUNS (default 60) cases per method; `FUZZ_RUNS=1000 npx vitest run tests/unit/proving/fuzz.test.ts`
 * is the full form. FUZZ_SEED replays a run.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ERROR_CODES } from '../../../src-main/contract/errors';
import type { Locale } from '../../../src-main/contract/roles';
import { inputArb } from './arb';
import { testApp, type TestApp } from '../helpers';
import {
  changeCounter,
  dbDigest,
  envInt,
  keepSessionsAlive,
  knownValues,
  makeTemplate,
  openCopy,
  registry,
  type CallerName,
  type Template,
} from './lib';

const RUNS = envInt('FUZZ_RUNS', 60);
const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined;

/**
 * Documented writes a REJECTED call is meant to make (table → columns left out of the digest
 * for that method): a failed sign-in is counted, or lockout could never happen.
 */
const WRITES_ON_REJECTION: Record<string, Record<string, string[]>> = {
  'auth.login': { users: ['failed_logins', 'locked_until'] },
};

const CALLERS: CallerName[] = ['setupAdmin', 'setupAdmin', 'setupAdmin', 'admin', 'leader', 'operator', 'keeper', 'viewer', 'anonymous', 'forged'];
const LOCALES: (Locale | undefined)[] = ['zh-CN', 'en', undefined];

const stats = { methods: 0, cases: 0, ok: 0, rejected: 0, byCode: {} as Record<string, number> };
let tpl: Template;
const protoBefore = Object.getOwnPropertyNames(Object.prototype).sort().join();

beforeAll(async () => {
  tpl = await makeTemplate(true);
}, 180_000);

afterAll(() => {
  console.log(
    `[fuzz] ${stats.cases} cases: ${stats.methods} methods × ${RUNS} on a set-up station with demo data, plus every method on an empty station: ${stats.ok} succeeded, ${stats.rejected} rejected ${JSON.stringify(stats.byCode)}`,
  );
});

/**
 * The digest is compared whenever SQLite counted any row change on the connection during the
 * call (total_changes includes rolled-back work) or the schema moved — and on every 8th call
 * regardless, as a cross-check of that shortcut.
 */
function mustDigest(t: TestApp, changesBefore: string, n: number): boolean {
  return n % 8 === 0 || changeCounter(t.db) !== changesBefore;
}

function forged(salt: number): string {
  const kinds = ['x'.repeat(43), 'A'.repeat(201), "' OR 1=1 --", '', ' ', 'null', 'Bearer abc', '\0'.repeat(8)];
  return kinds[salt % kinds.length];
}

describe('fuzz: every registry method', () => {
  for (const m of registry()) {
    it(`${m.name}: typed errors only, rejected calls leave the database unchanged`, async () => {
      const t = openCopy(tpl);
      try {
        stats.methods++;
        const tokens = { ...tpl.tokens };
        const ignore = WRITES_ON_REJECTION[m.name] ?? {};
        let before = dbDigest(t.db, ignore);
        let n = 0;
        const prop = fc.asyncProperty(
          inputArb(m.inputSchema as Record<string, unknown>, knownValues(t.db)),
          fc.constantFrom(...CALLERS),
          fc.constantFrom(...LOCALES),
          fc.nat(),
          async (input, who, locale, salt) => {
            n++;
            stats.cases++;
            const token = who === 'anonymous' ? null : who === 'forged' ? forged(salt) : tokens[who];
            // Rate-limited methods see a fresh address most of the time, so the limiter does not hide the handler.
            const remote = salt % 8 === 0 ? 'fuzz' : `fuzz-${n}`;
            const changes = changeCounter(t.db);
            let r;
            try {
              r = await t.call(m.name, input, { token, locale, transport: 'test', remote });
            } catch (e) {
              throw new Error(`dispatch threw instead of returning a typed error: ${String(e)}`);
            }
            expect(Object.getOwnPropertyNames(Object.prototype).sort().join(), 'Object.prototype was polluted').toBe(protoBefore);
            expect(({} as Record<string, unknown>).polluted).toBeUndefined();
            if (r.ok) {
              stats.ok++;
              if (m.mutates) {
                keepSessionsAlive(t, tpl, tokens);
                before = dbDigest(t.db, ignore);
              } else if (mustDigest(t, changes, n)) {
                expect(dbDigest(t.db, ignore), `read ${m.name} changed the database`).toBe(before);
              }
              return;
            }
            stats.rejected++;
            stats.byCode[r.error.code] = (stats.byCode[r.error.code] ?? 0) + 1;
            const lastError = t.logs.lines.filter((l) => l.level === 'error').at(-1);
            expect(r.error.code, `INTERNAL for ${m.name}: ${JSON.stringify(lastError?.data ?? null).slice(0, 1500)}`).not.toBe('INTERNAL');
            expect(ERROR_CODES).toContain(r.error.code);
            expect(typeof r.error.message).toBe('string');
            expect(r.error.message.length).toBeGreaterThan(0);
            if (mustDigest(t, changes, n)) expect(dbDigest(t.db, ignore), `rejected ${m.name} (${r.error.code}) changed the database`).toBe(before);
          },
        );
        await fc.assert(prop, { numRuns: RUNS, seed: SEED, endOnFailure: false });
      } finally {
        t.close();
      }
    }, Math.max(60_000, RUNS * 600));
  }
});

describe('fuzz: a station not yet set up (first start, anyone on the LAN)', () => {
  it('every method, called by nobody or a forged token: typed results, rejected calls change nothing', async () => {
    let t = testApp();
    const runs = Math.max(5, Math.floor(RUNS / 6));
    try {
      for (const m of registry()) {
        let before = dbDigest(t.db);
        await fc.assert(
          fc.asyncProperty(inputArb(m.inputSchema as Record<string, unknown>, { uuids: [], strings: [], ints: [0, 1] }), fc.boolean(), fc.nat(), async (input, anon, salt) => {
            stats.cases++;
            const r = await t.call(m.name, input, { token: anon ? null : forged(salt), transport: 'test', remote: `setup-${salt}` });
            if (r.ok) {
              stats.ok++;
              if (m.mutates) {
                // Only the first set-up can succeed; start over so the rest still meets an empty station.
                t.close();
                t = testApp();
              }
              before = dbDigest(t.db);
              return;
            }
            stats.rejected++;
            expect(r.error.code, `${m.name}: ${JSON.stringify(t.logs.lines.at(-1)?.data ?? null).slice(0, 800)}`).not.toBe('INTERNAL');
            expect(ERROR_CODES).toContain(r.error.code);
            expect(dbDigest(t.db), `rejected ${m.name} changed an empty station`).toBe(before);
          }),
          { numRuns: runs, seed: SEED },
        );
      }
    } finally {
      t.close();
    }
  }, Math.max(120_000, RUNS * 3_000));
});
