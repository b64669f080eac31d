import { test, expect, type Page } from '@playwright/test';
import { METHODS } from '../../src-main/contract/index';
import { rpcClient, startStation, shot, type StationServer } from './server';

/**
 * Everything a person reads is in their words (issue 13): on a demo station, every page and tab —
 * duty board, roster, incidents and one incident, the report register and one report, materials,
 * statistics, the district view, settings with the audit log — in Chinese and in English shows no
 * UUID, no method name (any key of the contract's METHODS) and no open-matter kind code.
 */
let station: StationServer;
let incidentId = '';
let reportId = '';

test.beforeAll(async () => {
  station = await startStation();
  const rpc = rpcClient(station.url);
  const s = await rpc<{ token: string }>('auth.setup', {
    station: { name: '东昌区应急管理局', code: '220502', level: 'district', timeZone: 'Asia/Shanghai' },
    admin: { username: 'admin', displayName: '管理员', password: 'admin-pass-2026' },
    loadDemo: true,
  });
  const inc = await rpc<{ rows: { id: string }[] }>('incidents.list', { status: ['handling', 'received'], limit: 5 }, s.token);
  incidentId = inc.rows[0].id;
  const rep = await rpc<{ rows: { id: string }[] }>('reports.list', { limit: 5 }, s.token);
  reportId = rep.rows[0].id;
  // A little of a day's work, so the audit log and the duty log have rows of many kinds to show.
  const u = await rpc<{ id: string; version: number }>('users.create', { username: 'zhao', displayName: '赵值班', password: 'zhao-pass-2026', roles: ['operator'] }, s.token);
  await rpc('users.resetPassword', { id: u.id, version: u.version, password: 'zhao-pass-2027' }, s.token);
  await rpc('incidents.addEntry', { id: incidentId, kind: 'followup', body: '现场已控制', flag: true }, s.token);
  const now = await rpc<{ current: { date: string; shiftId: string } | null }>('roster.now', {}, s.token);
  if (now.current) {
    const k = { date: now.current.date, shiftId: now.current.shiftId };
    await rpc('roster.log.add', { ...k, text: '接区政府通知，明日起加强值守' }, s.token);
  }
});
test.afterAll(async () => {
  await station.stop();
});

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-/i;
const METHOD_NAMES = Object.keys(METHODS);
/** Codes the open-matter sources and queues use internally; a person never reads them. */
const MATTER_CODES = /\b(openIncident|pendingEscalation|overdueEscalation|regradeMissing|calendarMissing|belowMin|overdueTransfer|contractExpiring|report\.[a-z]+)\b/;

async function expectInWords(page: Page, where: string) {
  await page.waitForLoadState('networkidle');
  await page.waitForTimeout(300);
  const text = await page.evaluate(() => document.body.innerText);
  expect(text, `${where}: a UUID`).not.toMatch(UUID);
  expect(METHOD_NAMES.filter((m) => text.includes(m)), `${where}: method names`).toEqual([]);
  expect(text.match(MATTER_CODES)?.[0] ?? null, `${where}: an open-matter code`).toBeNull();
}

/** Visits a page by its hash, checks it, then every tab it has. */
async function sweep(page: Page, hash: string, lang: string, snap = false) {
  await page.goto(`${station.url}/${hash}`);
  await expect(page.getByTestId('current-user')).toBeVisible();
  await expectInWords(page, `${lang} ${hash}`);
  if (snap) await page.screenshot(shot(`words-${lang}-${hash.split('/')[1]}${hash.split('/').length > 2 ? '-one' : ''}`));
  const tabs = page.locator('[role=tab]');
  const n = await tabs.count();
  for (let i = 0; i < n; i++) {
    const name = (await tabs.nth(i).getAttribute('data-tab')) ?? String(i);
    await tabs.nth(i).click();
    await expectInWords(page, `${lang} ${hash} tab ${name}`);
    if (name === 'roster-duty') {
      // The handover's open matters: each kind in words, incidents by number and short title.
      const matters = page.getByTestId('open-matters');
      await expect(matters).toContainText(lang === 'en' ? 'Open incident' : '未办结事件');
      await expect(matters).toContainText(/20\d\d-\d{5} /);
    }
    if (name === 'audit') await expect(page.locator('.ag-row').first()).toBeVisible();
    if (name === 'audit' || name === 'roster-duty') await page.screenshot(shot(`words-${lang}-${name}`));
  }
}

for (const lang of ['zh-CN', 'en'] as const) {
  test(`every page and tab reads in words (${lang})`, async ({ page }) => {
    test.setTimeout(240_000);
    await page.goto(station.url);
    await page.fill('input[name=username]', 'admin');
    await page.fill('input[name=password]', 'admin-pass-2026');
    await page.getByRole('button', { name: '登录' }).click();
    await expect(page.getByTestId('current-user')).toBeVisible();
    if (lang === 'en') {
      await page.getByTestId('lang-switch').click();
      await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    }
    for (const hash of ['#/duty', '#/roster', '#/incidents', `#/incidents/${incidentId}`, '#/reports', `#/reports/${reportId}`, '#/materials', '#/stats', '#/district', '#/settings']) {
      await sweep(page, hash, lang, hash === '#/duty' || hash.startsWith('#/incidents/') || hash.startsWith('#/reports/') || hash === '#/settings');
    }
  });
}
