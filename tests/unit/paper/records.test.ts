import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { setUpStation, testApp, type Caller, type TestApp } from '../helpers';
import { METHODS, type MethodName } from '../../../src-main/contract';
import { hasAction } from '../../../src-main/core/audit/describe';
import { KNOWN_ENTITIES } from '../../../src-main/core/audit/subjects';
import { KINDS, MATTERS } from '../../../src-main/core/audit/describe-messages';

/*
 * Issue 13, "records in plain Chinese": the duty log, the audit log and the handover's open matters
 * after a day of activity on the demo station carry no method name, table or entity name, matter
 * code or UUID — in Chinese and in English. The checker itself is shown to catch each kind.
 */
const MIN = 60_000;
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;
const METHOD_NAMES = Object.keys(METHODS);
const CODES = [...new Set([...Object.keys(MATTERS.en), 'belowMin', 'overdueTransfer', 'openIncident', 'pendingEscalation'])].filter((k) => /[A-Z]/.test(k));

function tableNames(t: TestApp): string[] {
  return (t.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((r) => r.name);
}

/** What a person must never read. zh-CN text has no English identifiers at all; English text may say "station". */
function leaks(text: string, locale: 'zh-CN' | 'en', tables: string[]): string[] {
  const out: string[] = [];
  for (const m of METHOD_NAMES) if (text.includes(m)) out.push(`method ${m}`);
  const dotted = /\b[a-z]+\.[a-z][a-zA-Z]*(\.[a-zA-Z]+)*\b/.exec(text);
  if (dotted) out.push(`code ${dotted[0]}`);
  const idents = [...tables, ...KNOWN_ENTITIES].filter((n) => locale === 'zh-CN' || /_|[a-z][A-Z]/.test(n));
  for (const n of idents) if (new RegExp(`(^|[^A-Za-z_])${n}([^A-Za-z_]|$)`).test(text)) out.push(`name ${n}`);
  for (const c of CODES) if (new RegExp(`\\b${c}\\b`).test(text)) out.push(`code ${c}`);
  const u = UUID.exec(text);
  if (u) out.push(`uuid ${u[0]}`);
  return out;
}

async function signInAs(t: TestApp, admin: Caller, username: string) {
  const u = (await admin.ok('users.list')).find((x) => x.username === username)!;
  await admin.ok('users.resetPassword', { id: u.id, version: u.version, password: 'initial-pass-1' });
  const l = await t.anon.ok('auth.login', { username, password: 'initial-pass-1' });
  const c = t.as(l.token);
  await c.ok('auth.changePassword', { oldPassword: 'initial-pass-1', newPassword: 'changed-pass-1' });
  return { token: l.token, user: l.user };
}

/** A day at the demo station: intake, a report through signature and sending, stock issued, notes and settings. */
async function demoDay() {
  const t = testApp();
  const { admin, station } = await setUpStation(t, true);
  const now = await admin.ok('roster.now');
  const shift = now.current!;
  // Everyone on duty now, plus a leader and a keeper, gets an account to work with.
  const people = t.db.prepare('SELECT p.name, u.username FROM roster_people p JOIN users u ON u.id = p.user_id').all() as { name: string; username: string }[];
  const onDuty = shift.people.map((p) => people.find((x) => x.name === p.name)?.username).filter((x): x is string => !!x);
  const operator = onDuty.find((u) => ['chenli', 'sunqiang', 'zhoujing', 'wuhao', 'zhenglei'].includes(u)) ?? 'chenli';
  const op = await signInAs(t, admin, operator);
  const lead = await signInAs(t, admin, 'wangjh');
  const keep = await signInAs(t, admin, 'heping');
  const tok = { op: op.token, lead: lead.token, keep: keep.token, admin: null as string | null };
  const as = (who: 'op' | 'lead' | 'keep') => t.as(tok[who], 'zh-CN');
  const ok: string[] = [];
  const tryCall = async (c: Caller, m: MethodName, input: unknown) => {
    t.clock.advance(7 * MIN);
    const r = await c.raw(m, input);
    if (r.ok) ok.push(m);
    return r.ok ? (r.value as never) : null;
  };
  await tryCall(as('op'), 'roster.signIn', {});
  const township = t.db.prepare("SELECT code, name FROM places WHERE level = 'township' ORDER BY sort LIMIT 1").get() as { code: string; name: string };
  const inc = await tryCall(as('op'), 'incidents.create', {
    source: 'phone', callerUnit: `${township.name}人民政府`, callerName: '李明', callerTitle: '干部', callerPhone: '13904351234',
    townshipCode: township.code, placeText: '后山', classCode: '1', typeCode: '14', summary: '后山发生山体滑坡，一户房屋后墙受损，已转移群众。',
    casualties: { dead: 0, injured: 0, serious: 0, missing: 0, trapped: 0, evacuated: 12 }, measures: '已转移受威胁群众', informed: '', trend: '',
  }) as { id: string; version: number } | null;
  expect(inc, 'incident registered').not.toBeNull();
  await tryCall(as('op'), 'incidents.addEntry', { id: inc!.id, kind: 'action', body: '国土所人员已到场查看' });
  const draft = (await tryCall(as('op'), 'reports.create', { templateId: 'event-report', incidentId: inc!.id })) ??
    (await tryCall(as('op'), 'reports.create', { templateId: 'accident-report', incidentId: inc!.id }));
  if (draft) {
    const d = draft as { id: string; version: number; data: { fields: Record<string, unknown> } };
    const sub = (await tryCall(as('op'), 'reports.submit', { id: d.id, version: d.version })) as { version: number } | null;
    if (sub) {
      const signed = (await tryCall(as('lead'), 'reports.sign', { id: d.id, version: sub.version })) as { version: number } | null;
      if (signed) await tryCall(as('op'), 'reports.send', { id: d.id, version: signed.version, via: 'phone', recipient: '通化市应急管理局值班室' });
    }
  }
  const wh = t.db.prepare("SELECT w.id FROM mat_warehouses w JOIN mat_keepers k ON k.warehouse_id = w.id JOIN users u ON u.id = k.user_id WHERE u.username = 'heping' LIMIT 1").get() as { id: string } | undefined;
  const bal = wh ? (t.db.prepare('SELECT item_id FROM mat_balances WHERE warehouse_id = ? AND qty > 5 LIMIT 1').get(wh.id) as { item_id: string } | undefined) : undefined;
  if (wh && bal) {
    const doc = (await tryCall(as('keep'), 'materials.docs.save', { kind: 'issue', warehouseId: wh.id, incidentId: inc!.id, recipient: `${township.name}人民政府`, reason: '山体滑坡群众转移', lines: [{ itemId: bal.item_id, qty: 2 }] })) as { id: string; version: number } | null;
    if (doc) {
      const ap = (await tryCall(as('lead'), 'materials.docs.approve', { id: doc.id, version: doc.version })) as { version: number } | null;
      await tryCall(as('keep'), 'materials.docs.post', { id: doc.id, version: ap?.version ?? doc.version });
    }
  }
  await tryCall(as('op'), 'roster.log.add', { date: shift.date, shiftId: shift.shiftId, text: '接气象台暴雨黄色预警，已转发各乡镇。' });
  await tryCall(as('op'), 'roster.handover.save', { date: shift.date, shiftId: shift.shiftId, situation: '滑坡一起，已处置', problems: '无', tasks: '跟进转移群众安置' });
  const u = (await admin.ok('users.list')).find((x) => x.username === 'linfeng')!;
  await tryCall(admin, 'users.update', { id: u.id, version: u.version, displayName: '林峰' });
  return { t, admin, station, shift, tok, ok };
}

async function papers(t: TestApp, shift: { date: string; shiftId: string }, tok: { op: string; lead: string }, locale: 'zh-CN' | 'en') {
  const c = t.as(tok.op, locale);
  const key = { date: shift.date, shiftId: shift.shiftId };
  const log = await c.ok('roster.log.get', key);
  const handover = await c.ok('roster.handover.get', key);
  const m = t.as(tok.lead, locale);
  const audit = await m.ok('audit.list', { limit: 500 });
  const x = await m.ok('audit.export', {});
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(x.base64, 'base64') as unknown as ArrayBuffer);
  const cells: string[] = [];
  wb.worksheets[0].eachRow((r) => r.eachCell((cell) => cells.push(String(cell.value ?? ''))));
  return {
    log,
    handover,
    audit,
    texts: {
      dutyLog: log.entries.map((e) => `${e.text} ${e.user ?? ''}`),
      openMatters: handover.openMatters.map((m) => `${m.label ?? ''} ${m.title}`),
      auditLog: audit.map((r) => `${r.person} ${r.kindLabel} ${r.text}`),
      auditXlsx: cells,
    },
  };
}

describe('records in plain words (issue 13)', () => {
  it('every mutation has a sentence in both locales, and every audited entity a name', () => {
    const missing = Object.entries(METHODS).filter(([m, s]) => s.mutates && !hasAction(m)).map(([m]) => m);
    expect(missing).toEqual([]);
    // The entity kinds the handlers audit (read from the source): each has a resolver that prints a name, not an id.
    const root = path.join(__dirname, '../../../src-main/core');
    const seen = new Set<string>();
    const walk = (d: string) => {
      for (const f of fs.readdirSync(d, { withFileTypes: true })) {
        const p = path.join(d, f.name);
        if (f.isDirectory()) walk(p);
        else if (p.endsWith('.ts')) for (const m of fs.readFileSync(p, 'utf8').matchAll(/ctx\.audit\(\{ entity: '(\w+)'/g)) seen.add(m[1]);
      }
    };
    walk(root);
    expect(seen.size).toBeGreaterThan(20);
    expect([...seen].filter((e) => !KNOWN_ENTITIES.includes(e))).toEqual([]);
    // Every domain that writes has a name for the audit log's kind filter, in core and on the screen.
    const domains = [...new Set(Object.entries(METHODS).filter(([, s]) => s.mutates).map(([m]) => m.split('.')[0]))];
    for (const locale of ['zh-CN', 'en'] as const) {
      const screen = JSON.parse(fs.readFileSync(path.join(__dirname, `../../../src-renderer/src/i18n/locales/${locale}/settings.json`), 'utf8')) as { audit: { kinds: Record<string, string> } };
      expect(domains.filter((d) => !KINDS[locale][d] || !screen.audit.kinds[d]), locale).toEqual([]);
    }
  });

  it('the checker catches a planted method name, table name, matter code and UUID', () => {
    const tables = ['mat_docs', 'roster_people', 'audit_log', 'users'];
    expect(leaks('12:03 陈丽 users.resetPassword', 'zh-CN', tables)).not.toEqual([]);
    expect(leaks('12:03 陈丽 report.followup 到期', 'zh-CN', tables)).not.toEqual([]);
    expect(leaks('盘点 mat_docs', 'en', tables)).not.toEqual([]);
    expect(leaks('交接 belowMin 王庄仓', 'zh-CN', tables)).not.toEqual([]);
    expect(leaks('对象 0f8fad5b-d9cb-469f-a165-70867728950e', 'zh-CN', tables)).not.toEqual([]);
    expect(leaks('12:03 陈丽 登记接报 2026-00061 环通乡山体滑坡', 'zh-CN', tables)).toEqual([]);
    expect(leaks('signed Initial 东昌区应急管理局〔2026〕44号', 'en', tables)).toEqual([]);
  });

  it('a day of demo activity: duty log, audit log (screen and workbook) and open matters read as sentences, zh-CN and en', async () => {
    const { t, shift, tok, ok } = await demoDay();
    // The day did real work across the domains.
    for (const m of ['incidents.create', 'incidents.addEntry', 'roster.log.add', 'users.update', 'users.resetPassword'] as const) expect(ok.concat('users.resetPassword')).toContain(m);
    expect(ok.length).toBeGreaterThanOrEqual(8);
    const tables = tableNames(t);
    for (const locale of ['zh-CN', 'en'] as const) {
      const p = await papers(t, shift, tok, locale);
      const all = Object.entries(p.texts).flatMap(([where, xs]) => xs.map((x) => ({ where, x })));
      const bad = all.flatMap(({ where, x }) => leaks(x, locale, tables).map((l) => `${where}: ${l} in "${x}"`));
      expect(bad, locale).toEqual([]);
      expect(p.texts.dutyLog.length).toBeGreaterThan(3);
      expect(p.texts.openMatters.length).toBeGreaterThan(0);
      expect(p.audit.length).toBeGreaterThan(10);
      if (locale === 'zh-CN') {
        const inc = t.db.prepare('SELECT year, seq FROM incidents ORDER BY n DESC LIMIT 1').get() as { year: number; seq: number };
        const no = `${inc.year}-${String(inc.seq).padStart(5, '0')}`;
        expect(p.texts.dutyLog.some((x) => x.startsWith(`登记接报 ${no} `) && x.includes('地质灾害'))).toBe(true);
        expect(p.texts.auditLog.some((x) => x.includes('重置密码'))).toBe(true);
        if (ok.includes('reports.sign')) expect(p.texts.auditLog.some((x) => /签发初报 .*〔\d{4}〕\d+号/.test(x)), JSON.stringify(p.texts.auditLog)).toBe(true);
        expect(p.handover.openMatters.every((m) => m.label && !/[a-z]/.test(m.label))).toBe(true);
        // The handover was saved (frozen) during the day; its matters still read in the reader's language.
        expect(p.handover.status).not.toBe('none');
        expect(p.handover.openMatters.some((m) => m.source === 'incidents' && m.title.includes('地质灾害'))).toBe(true);
      } else {
        expect(p.texts.dutyLog.some((x) => x.startsWith('registered incident '))).toBe(true);
        // Open matters composed in both languages when collected: an English reader of a handover frozen by a Chinese shift reads English.
        const incidentMatters = p.handover.openMatters.filter((m) => m.source === 'incidents');
        expect(incidentMatters.some((m) => /Geological disaster/.test(m.title))).toBe(true);
        expect(incidentMatters.some((m) => m.title.includes('地质灾害'))).toBe(false);
        for (const m of p.handover.openMatters.filter((x) => x.source === 'reports')) expect(m.title).not.toMatch(/初报|续报|终报|核报|日报/);
      }
    }
    // The checker runs on the real output: a note that quotes a method name is caught.
    await t.as(tok.op).ok('roster.log.add', { date: shift.date, shiftId: shift.shiftId, text: '误录：users.resetPassword' });
    const again = await papers(t, shift, tok, 'zh-CN');
    expect(again.texts.dutyLog.flatMap((x) => leaks(x, 'zh-CN', tables))).toContain('method users.resetPassword');
  });

  it('the audit log filters by person, kind and period', async () => {
    const { t, tok } = await demoDay();
    const c = t.as(tok.lead, 'zh-CN');
    const all = await c.ok('audit.list', { limit: 500 });
    const lead = t.db.prepare("SELECT id FROM users WHERE username = 'wangjh'").get() as { id: string };
    const byLead = await c.ok('audit.list', { limit: 500, userId: lead.id });
    expect(byLead.length).toBeGreaterThan(0);
    expect(byLead.every((r) => r.person === '王建华')).toBe(true);
    const incidents = await c.ok('audit.list', { limit: 500, kind: 'incidents' });
    expect(incidents.length).toBeGreaterThan(0);
    expect(incidents.every((r) => r.kindLabel === '接报处置')).toBe(true);
    const mid = all[Math.floor(all.length / 2)].at;
    const late = await c.ok('audit.list', { limit: 500, from: mid });
    expect(late.length).toBeLessThan(all.length);
    expect(late.every((r) => r.at >= mid)).toBe(true);
    const x = await c.ok('audit.export', { kind: 'incidents' });
    expect(x.rows).toBe(incidents.length);
    expect(x.fileName).toMatch(/^审计日志-\d{4}-\d{2}-\d{2}\.xlsx$/);
  });
});
