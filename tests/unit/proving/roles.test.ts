/**
 * Role matrix (issue 8 "Security"): every registry method × every role × unauthenticated, over
 * real loopback HTTP. A call gets past the access check exactly when the registry's rule allows
 * it: refused calls get 401 (nobody) / 403 (role) with the access check's own message; allowed
 * calls never get those (a 403 carrying a handler's domain rule is allowed through, and listed). The matrix and the method table are generated into docs/roles.md
 * and docs/api.md; this test fails when the checked-in files are stale (UPDATE_DOCS=1 rewrites them).
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../../src-main/server/http';
import { createSession } from '../../../src-main/core/auth/sessions';
import { translate } from '../../../src-main/core/i18n/messages';
import { ROLES, type Role } from '../../../src-main/contract/roles';
import type { TestApp } from '../helpers';
import { makeTemplate, openCopy, registry, ruleAllows, type Template } from './lib';
import { renderApiMd, renderRolesMd } from './docs';

const DOCS = path.resolve(__dirname, '../../../docs');

let tpl: Template;
let t: TestApp;
let srv: RunningServer;

beforeAll(async () => {
  tpl = await makeTemplate(false);
  t = openCopy(tpl);
  srv = await startServer({ app: t, port: 0 });
}, 120_000);

const domainRefusals = new Set<string>();

afterAll(async () => {
  if (domainRefusals.size) console.log(`[roles] allowed by the access rule, refused by the handler's own rule (403):\n  ${[...domainRefusals].join('\n  ')}`);
  await srv?.close();
  t?.close();
});

async function rpc(method: string, token: string | null) {
  const res = await fetch(`${srv.url}/api/rpc/${method}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Watchroom-Locale': 'en', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: '{}',
  });
  const body = (await res.json()) as { ok: boolean; error?: { code: string; message: string } };
  return { status: res.status, body };
}

describe('role matrix over HTTP: allowed exactly when the registry says so', () => {
  const callers: (Role | 'unauthenticated')[] = [...ROLES, 'unauthenticated'];
  for (const m of registry()) {
    it(`${m.name}: ${callers.map((c) => `${c} ${ruleAllows(m, c === 'unauthenticated' ? null : [c]) ? 'allowed' : 'denied'}`).join(', ')}`, async () => {
      for (const c of callers) {
        // A fresh session per call, so a successful auth.logout cannot spoil the next row.
        const token = c === 'unauthenticated' ? null : createSession(t.db, tpl.userIds[c], 'http', t.clock.now()).token;
        const { status, body } = await rpc(m.name, token);
        const allowed = ruleAllows(m, c === 'unauthenticated' ? null : [c]);
        const what = `${m.name} as ${c}: HTTP ${status} ${JSON.stringify(body.error ?? 'ok')}`;
        // The access check's own refusals, told apart from a handler's domain rule (e.g. "not linked to a duty person").
        const roleRefusal = Array.isArray(m.access) ? translate('en', 'forbiddenRole', { roles: m.access.join(', ') }) : null;
        const deniedByRule =
          (status === 401 && body.error?.message === translate('en', 'unauthenticated')) ||
          (status === 403 && roleRefusal !== null && body.error?.message === roleRefusal);
        if (allowed) {
          expect(deniedByRule, what).toBe(false);
          expect(status, what).not.toBe(401);
          if (status === 403) domainRefusals.add(`${m.name} as ${c}: ${body.error?.message}`);
        } else {
          expect(status, what).toBe(c === 'unauthenticated' ? 401 : 403);
          expect(deniedByRule, what).toBe(true);
        }
        expect(status, what).not.toBe(500);
      }
    });
  }

  it('docs/roles.md and docs/api.md match the registry (UPDATE_DOCS=1 rewrites them)', () => {
    const methods = registry();
    const want = { 'roles.md': renderRolesMd(methods), 'api.md': renderApiMd(methods) };
    for (const [file, text] of Object.entries(want)) {
      const p = path.join(DOCS, file);
      if (process.env.UPDATE_DOCS) {
        fs.mkdirSync(DOCS, { recursive: true });
        fs.writeFileSync(p, text);
      }
      const have = fs.existsSync(p) ? fs.readFileSync(p, 'utf8') : '';
      expect(have === text, `docs/${file} is stale: run UPDATE_DOCS=1 npx vitest run tests/unit/proving/roles.test.ts`).toBe(true);
    }
    for (const m of methods) expect(want['roles.md']).toContain(`\`${m.name}\``);
  });
});
