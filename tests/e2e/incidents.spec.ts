import fs from 'node:fs';
import zlib from 'node:zlib';
import { test, expect, type Page } from '@playwright/test';
import { startStation, shot, type StationServer } from './server';

let station: StationServer;

/** A small real PNG (a gradient), so the renderer can make a thumbnail of it. */
function png(w: number, h: number): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (b: Buffer) => {
    let c = 0xffffffff;
    for (const x of b) c = crcTable[(c ^ x) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const td = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const c = Buffer.alloc(4);
    c.writeUInt32BE(crc(td));
    return Buffer.concat([len, td, c]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr[8] = 8;
  ihdr[9] = 2;
  const raw = Buffer.alloc((w * 3 + 1) * h);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) raw.set([200 + (x % 56), 60 + y, 40], y * (w * 3 + 1) + 1 + x * 3);
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', zlib.deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

async function rpc<T = unknown>(method: string, input: unknown, token?: string): Promise<T> {
  const r = await fetch(`${station.url}/api/rpc/${method}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(input),
  });
  const j = (await r.json()) as { ok: boolean; value: T; error?: unknown };
  if (!j.ok) throw new Error(`${method}: ${JSON.stringify(j.error)}`);
  return j.value;
}

async function person(admin: string, username: string, displayName: string, roles: string[]) {
  await rpc('users.create', { username, displayName, password: 'first-pass-1', roles }, admin);
  const l = await rpc<{ token: string }>('auth.login', { username, password: 'first-pass-1' });
  await rpc('auth.changePassword', { oldPassword: 'first-pass-1', newPassword: 'duty-pass-99' }, l.token);
}

async function login(page: Page, username: string) {
  await page.goto(station.url);
  await page.fill('input[name=username]', username);
  await page.fill('input[name=password]', 'duty-pass-99');
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page.getByTestId('current-user')).toBeVisible();
}

/** Station wall time, "YYYY-MM-DD HH:mm", some minutes ago. */
function stationTime(minutesAgo: number): string {
  const p = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', { timeZone: 'Asia/Shanghai', hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' })
      .formatToParts(Date.now() - minutesAgo * 60_000)
      .map((x) => [x.type, x.value]),
  );
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
}

test.beforeAll(async () => {
  station = await startStation();
  const s = await rpc<{ token: string }>('auth.setup', {
    station: { name: '东昌区应急管理局', code: '220502', level: 'district', timeZone: 'Asia/Shanghai' },
    admin: { username: 'admin', displayName: '管理员', password: 'admin-pass-2026' },
    loadDemo: false,
  });
  await person(s.token, 'chenli', '陈丽', ['operator']);
  await person(s.token, 'wangjh', '王建华', ['leader']);
});
test.afterAll(async () => {
  await station.stop();
});

test('take a call from keystrokes alone, follow up, escalate, acknowledge, search in Chinese, export, print', async ({ page }) => {
  await login(page, 'chenli');
  const kb = page.keyboard;

  // F2 from the duty board opens the intake form; Tab follows the call; nothing needs the mouse.
  await kb.press('F2');
  const form = page.getByTestId('intake-form');
  await expect(form).toBeVisible();
  await expect(page.locator('input[name=source]')).toBeFocused();
  await kb.press('Tab'); // source: phone (default)
  await kb.press('Tab'); // received-at: now (auto)
  await kb.type('东昌街道办事处');
  await kb.press('Tab');
  await kb.type('李明');
  await kb.press('Tab');
  await kb.type('安全员');
  await kb.press('Tab');
  await kb.type('13904351234');
  await kb.press('Tab');
  await kb.type(stationTime(25)); // occurred-at
  await kb.press('Tab');
  await kb.type('东昌'); // township picker: part of the name
  await kb.press('Tab');
  await kb.type('新华'); // village picker, limited to the township
  await kb.press('Tab');
  await kb.type('商业街12号仓库');
  await kb.press('Tab');
  await kb.type('21'); // event type by code: 工矿商贸生产安全事故 (class follows)
  await kb.press('Tab');
  await kb.type('08'); // GB 6441: 火灾
  await kb.press('Tab');
  await kb.type('工贸'); // sector by name
  await kb.press('Tab');
  await kb.type('商业街一仓库发生火灾，现场浓烟较大，有人员被困，消防队已出动。');
  await kb.press('Tab');
  for (const v of ['3', '2', '1', '0', '2', '30']) {
    await kb.type(v);
    await kb.press('Tab');
  }
  await kb.type('80'); // direct loss, 万元
  await kb.press('Tab');
  await kb.type('已疏散周边群众，设置警戒');
  await kb.press('Tab');
  await kb.type('已报119、街道主任');
  await kb.press('Tab');
  await kb.type('火势仍在蔓延');
  await expect(page.locator('input[name=township]')).toHaveValue(/东昌街道/);
  await expect(page.locator('input[name=village]')).toHaveValue(/新华社区/);
  await expect(page.locator('input[name=type]')).toHaveValue(/工矿商贸/);
  await expect(page.locator('input[name=accidentType]')).toHaveValue(/火灾/);
  // standards §2: 3 dead → 较大
  await expect(page.getByTestId('grade-suggestion')).toContainText('较大（Ⅲ级）');
  await page.screenshot(shot('incidents-01-intake'));
  await kb.press('Enter'); // Enter saves
  await expect(form).toHaveCount(0);
  await expect(page.getByRole('status')).toContainText(/已登记 \d{4}-00001/);
  const row = page.locator('.ag-row', { hasText: '商业街一仓库' });
  await expect(row).toBeVisible();
  await expect(page.getByTestId('incident-count')).toHaveText('共 1 条');
  await page.screenshot(shot('incidents-02-list'));

  // A second call about the same fire: the duplicate hint offers to add it as a follow-up.
  await kb.press('F2');
  await expect(form).toBeVisible();
  await kb.press('Tab');
  await kb.press('Tab');
  await kb.type('119指挥中心');
  for (let i = 0; i < 5; i++) await kb.press('Tab');
  await kb.type('东昌');
  await kb.press('Tab');
  await kb.press('Tab');
  await kb.press('Tab');
  await kb.type('21');
  await kb.press('Tab');
  await kb.press('Tab');
  await kb.press('Tab');
  await kb.type('119转来：商业街仓库着火，已派三车');
  await expect(page.getByTestId('duplicates')).toContainText('00001');
  await page.screenshot(shot('incidents-03-duplicate-hint'));
  await page.getByTestId('duplicates').getByRole('button').first().click();
  await expect(page.getByRole('status')).toContainText('已作为续报加入');

  // Open it: follow-ups, a leader's instruction (Enter appends), escalation.
  await row.click();
  const view = page.getByTestId('incident-view');
  await expect(view).toBeVisible();
  await expect(page.getByTestId('incident-grade')).toHaveText('较大（Ⅲ级）');
  await expect(page.getByTestId('timeline')).toContainText('119转来');
  const add = page.getByTestId('add-entry');
  await add.locator('textarea[name=entryBody]').fill('续报：明火已扑灭，被困2人已救出，无新增伤亡。');
  await add.locator('textarea[name=entryBody]').press('Enter');
  await expect(page.getByTestId('timeline')).toContainText('明火已扑灭');
  await add.locator('select[name=entryKind]').selectOption('instruction');
  await add.locator('textarea[name=entryBody]').fill('王建华批示：全力救治伤员，查明起火原因。');
  await add.locator('textarea[name=entryBody]').press('Enter');
  await expect(page.getByTestId('timeline')).toContainText('全力救治伤员');
  await expect(page.getByTestId('incident-status')).toHaveText('处置中');
  await page.getByTestId('incident-actions').locator('input[name=actionReason]').fill('3人死亡，属较大事故，需报市局');
  await page.getByTestId('incident-actions').getByRole('button', { name: '提请领导关注' }).click();
  await expect(page.getByTestId('attention')).toContainText('3人死亡，属较大事故');
  // Casualty update: 10 dead → 重大 (standards §2, 10 以上 includes 10); the change is a new entry.
  const upd = page.getByTestId('casualty-update');
  await upd.locator('input[name=upd-dead]').fill('10');
  await upd.locator('input[name=upd-reason]').fill('医院通报：又有7人经抢救无效死亡');
  await upd.getByRole('button', { name: '保存' }).click();
  await expect(page.getByTestId('incident-grade')).toHaveText('重大（Ⅱ级）');
  await expect(page.getByTestId('timeline')).toContainText('死亡：3 → 10');
  // A photo from the scene: chunked upload, stored by hash, thumbnail made in the renderer.
  await page.locator('input[name=attachment]').setInputFiles({ name: '现场照片.png', mimeType: 'image/png', buffer: png(160, 100) });
  await expect(page.locator('.attachments img.thumb')).toBeVisible();
  await expect(page.locator('.attachments')).toContainText('现场照片.png');
  await page.screenshot(shot('incidents-04-detail'));

  // The leader sees the queue on the duty board and acknowledges in the app.
  await page.getByTestId('logout').click();
  await login(page, 'wangjh');
  // One list of everything waiting for the leader (领导待办): the escalations are in it, once.
  await expect(page.getByTestId('leader-queue').locator('[data-queue-kind=acknowledge]').first()).toBeVisible();
  await expect(page.getByTestId('board-leader-queue')).toHaveCount(0);
  await expect(page.getByTestId('board-open-incidents')).toContainText('商业街一仓库');
  await page.screenshot(shot('incidents-05-duty-board'));
  await page.getByTestId('leader-queue').locator('[data-queue-kind=acknowledge] a').first().click();
  await expect(view).toBeVisible();
  for (let i = 0; i < 2; i++) await page.getByTestId('attention').getByRole('button', { name: '我已知悉' }).first().click();
  await expect(page.getByTestId('attention').getByRole('button', { name: '我已知悉' })).toHaveCount(0);
  await expect(page.getByTestId('timeline')).toContainText('领导已知悉');

  // Print sheet (CSS print).
  await page.emulateMedia({ media: 'print' });
  await page.screenshot(shot('incidents-06-print'));
  await page.emulateMedia({ media: 'screen' });

  // Search in Chinese: 2 characters (bigram index) and 3+ (trigram), summary and timeline.
  await page.click('[data-nav=incidents]');
  const search = page.locator('input[name=q]');
  await search.fill('火灾');
  await expect(page.getByTestId('incident-count')).toHaveText('共 1 条');
  await search.fill('扑灭');
  await expect(page.getByTestId('incident-count')).toHaveText('共 1 条');
  await search.fill('全力救治伤员');
  await expect(page.getByTestId('incident-count')).toHaveText('共 1 条');
  await expect(page.locator('.ag-row', { hasText: '商业街一仓库' })).toBeVisible();
  await search.fill('滑坡');
  await expect(page.getByTestId('incident-count')).toHaveText('共 0 条');
  await search.fill('火灾');
  await expect(page.getByTestId('incident-count')).toHaveText('共 1 条');
  await page.screenshot(shot('incidents-07-search'));

  // Export the current view.
  const dl = page.waitForEvent('download');
  await page.getByTestId('export').click();
  const file = await dl;
  expect(file.suggestedFilename()).toMatch(/^接报登记-\d{4}-\d{2}-\d{2}\.xlsx$/);
  const p = await file.path();
  expect(fs.readFileSync(p).subarray(0, 2).toString('latin1')).toBe('PK');
  await expect(page.getByRole('status')).toContainText('已导出 1 条');

  // English second.
  await page.getByTestId('lang-switch').click();
  await expect(page.getByRole('heading', { name: 'Incident log' })).toBeVisible();
  await page.screenshot(shot('incidents-08-english'));
  await page.getByTestId('lang-switch').click();
});

test('standards §4: the type field finds class and type from a word of the event; a word that finds nothing is said in words', async ({ page }) => {
  await login(page, 'chenli');
  await page.keyboard.press('F2');
  await expect(page.getByTestId('intake-form')).toBeVisible();
  const type = page.locator('input[name=type]');
  await type.click();
  await page.keyboard.type('滑坡');
  await expect(page.locator('.picker-list')).toContainText('14 地质灾害（自然灾害）');
  await page.keyboard.press('Tab');
  await expect(type).toHaveValue('14 地质灾害（自然灾害）');
  await type.click();
  await page.keyboard.type('火灾');
  await expect(page.locator('.picker-list')).toContainText('工矿商贸生产安全事故');
  await expect(page.locator('.picker-list')).toContainText('森林草原火灾');
  // Nothing found: said while typing and after leaving; the chosen type is kept, not silently cleared.
  await type.fill('阿巴阿巴');
  await expect(page.getByTestId('type-nomatch')).toContainText('没有与“阿巴阿巴”相符的选项');
  await page.keyboard.press('Tab');
  await expect(type).toHaveValue('14 地质灾害（自然灾害）');
  await expect(page.getByTestId('type-nomatch')).toContainText('阿巴阿巴');
  await page.screenshot(shot('incidents-09-type-words'));
  await type.click();
  await page.keyboard.type('21');
  await page.keyboard.press('Tab');
  await expect(type).toHaveValue(/工矿商贸/);
  await expect(page.getByTestId('type-nomatch')).toHaveCount(0);
  await page.keyboard.press('Escape');
});

test('demo station: duty board shows open incidents and overdue escalations; the grid pages through Dongchang calls', async ({ browser }) => {
  const demo = await startStation();
  try {
    station = Object.assign({}, station, { url: demo.url });
    await rpc('auth.setup', {
      station: { name: '东昌区应急管理局', code: '220502', level: 'district', timeZone: 'Asia/Shanghai' },
      admin: { username: 'admin', displayName: '管理员', password: 'admin-pass-2026' },
      loadDemo: true,
    });
    const page = await browser.newPage();
    await page.goto(demo.url);
    await page.fill('input[name=username]', 'admin');
    await page.fill('input[name=password]', 'admin-pass-2026');
    await page.getByRole('button', { name: '登录' }).click();
    await expect(page.getByTestId('board-open-incidents')).toContainText('共');
    // The setup admin is also a leader: overdue escalations are in the leader's queue (one panel per matter).
    await expect(page.getByTestId('leader-queue').locator('li.overdue').first()).toBeVisible();
    await page.screenshot(shot('incidents-09-demo-board'));
    await page.click('[data-nav=incidents]');
    await expect(page.getByTestId('incident-count')).toHaveText('共 60 条');
    await page.locator('select[name=townshipFilter]').selectOption({ label: '东昌街道' });
    await expect(page.getByTestId('incident-count')).not.toHaveText('共 60 条');
    await page.locator('.ag-header-cell', { hasText: '等级' }).click();
    await page.screenshot(shot('incidents-10-demo-grid'));
    await page.close();
  } finally {
    await demo.stop();
  }
});
