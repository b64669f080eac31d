import { describe, expect, it } from 'vitest';
import { setUpStation, testApp } from '../helpers';
import { generateReports } from '../../../src-main/core/reports/scale';
import { generateIncidents } from '../../../src-main/core/incidents/scale';
import { Rng } from '../../../src-main/core/devtools/rng';

describe('reports demo and scale data', () => {
  it('the demo station has reporting chains, a late 初报 with its reason, drafts, and a per-township 快报表', async () => {
    const t = testApp();
    const { admin } = await setUpStation(t, true);
    const page = await admin.ok('reports.list', { limit: 500 });
    expect(page.total).toBeGreaterThan(40);
    const statuses = new Set(page.rows.map((r) => r.status));
    expect(statuses.has('sent')).toBe(true);
    const disaster = page.rows.find((r) => r.templateId === 'disaster-quick' && r.incidentId === null && r.stage === 'initial')!;
    const d = await admin.ok('reports.get', { id: disaster.id });
    expect(Object.keys(d.data.rows!).length).toBe(4);
    expect(d.issues).toEqual([]);
    const reg = await admin.ok('reports.register', { year: 2026 });
    expect(reg.reduce((a, c) => a + c.onTime + c.late, 0)).toBeGreaterThan(40);
    const x = await admin.ok('reports.export', { id: disaster.id, format: 'xlsx' });
    expect(x.data.length).toBeGreaterThan(1000);
    await admin.ok('reports.due', {});
  });

  it('scale generator: deadlines and lateness come from the engine; every late mark has a reason', async () => {
    const t = testApp();
    const { user, station } = await setUpStation(t);
    const end = Date.UTC(2026, 10, 28);
    const ctx = { station, adminId: user.id, from: end - 365 * 86_400_000, to: end, years: 1, scale: 1, log: () => undefined };
    generateIncidents(t.db, ctx, new Rng(1), { total: 300 });
    const r = generateReports(t.db, ctx, new Rng(2));
    expect(r.chains).toBe(300);
    expect(r.reports).toBeGreaterThan(300);
    const q = (s: string) => (t.db.prepare(s).get() as { c: number }).c;
    expect(q('SELECT count(*) c FROM report_timeliness WHERE late = 1 AND reason IS NULL')).toBe(0);
    expect(q('SELECT count(*) c FROM report_timeliness WHERE late = 1')).toBeGreaterThan(0);
    expect(q("SELECT count(*) c FROM reports WHERE status = 'sent' AND no IS NULL")).toBe(0);
  });
});
