import { test, expect, type Page } from '@playwright/test';
import ExcelJS from 'exceljs';
import { rpcClient, shot, startStation, type StationServer } from './server';

let station: StationServer;
let rpc: ReturnType<typeof rpcClient>;
let adminToken = '';

test.beforeAll(async () => {
  station = await startStation();
  rpc = rpcClient(station.url);
  const s = await rpc<{ token: string }>('auth.setup', {
    station: { name: '东昌区应急管理局', code: '220502', level: 'district', timeZone: 'Asia/Shanghai' },
    admin: { username: 'admin', displayName: '张伟', password: 'duty-room-2026' },
  });
  adminToken = s.token;
  await rpc('users.create', { username: 'liuna', displayName: '刘娜', password: 'initial-pass-1', roles: ['operator'] }, adminToken);
  const l = await rpc<{ token: string }>('auth.login', { username: 'liuna', password: 'initial-pass-1' });
  await rpc('auth.changePassword', { oldPassword: 'initial-pass-1', newPassword: 'operator-pass-9' }, l.token);
  // The rest of the directory, as a station would have it: a farther team, a plan, a warehouse in 环通乡.
  await rpc('resources.save', { list: 'teams', values: { name: '东昌区消防救援大队', kind: 'fire', strength: 80, leader: '陈大队长', phone: '0435-3219119', lat: 41.728, lng: 125.94 } }, adminToken);
  await rpc('resources.save', { list: 'plans', values: { name: '东昌区地质灾害应急预案', level: 'district', category: 'special', classCode: '1', typeCodes: '14', ownerUnit: '东昌区自然资源局', planVersion: '2024版', approvedOn: '2024-04-01', contacts: '值班室', phone: '0435-3210000', responseLevels: 'Ⅳ级：威胁 100 人以下；Ⅲ级：威胁 100–500 人' } }, adminToken);
  await rpc('materials.warehouses.save', { code: 'HT01', name: '环通乡应急物资储备点', tier: 'township', placeCode: '220502200', address: '环通乡政府院内' }, adminToken);
});
test.afterAll(async () => {
  await station.stop();
});

async function login(page: Page) {
  await page.goto(station.url);
  await page.fill('input[name=username]', 'liuna');
  await page.fill('input[name=password]', 'operator-pass-9');
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page.getByTestId('current-user')).toContainText('刘娜');
}

async function fill(page: Page, values: Record<string, string>) {
  const form = page.getByTestId('resource-form');
  for (const [k, v] of Object.entries(values)) {
    const el = form.locator(`[name=res-${k}]`);
    if ((await el.evaluate((e) => e.tagName)) === 'SELECT') await el.selectOption({ label: v });
    else await el.fill(v);
  }
  await page.getByTestId('resource-save').click();
}

test('resources: record a team and a shelter, refuse a bad spreadsheet, see them suggested with phones on a nearby incident, dispatch', async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await login(page);
  await page.click('[data-nav=resources]');
  await expect(page.getByRole('heading', { name: '应急资源与预案' })).toBeVisible();

  // A team with coordinates in 环通乡.
  await fill(page, { name: '环通乡应急救援分队', kind: '民兵应急分队', strength: '24', leader: '周立军', phone: '13843500001', townshipCode: '环通乡', lat: '41.655', lng: '125.852', equipment: '铁锹 50 把、发电机 2 台' });
  await expect(page.locator('.resources [role=status]')).toContainText('已保存：环通乡应急救援分队');
  await expect(page.locator('.ag-row', { hasText: '环通乡应急救援分队' })).toContainText('民兵应急分队');
  await page.screenshot(shot('resources-01-teams-1440'));

  // A shelter nearby.
  await page.click('.resources [data-tab=shelters]');
  await fill(page, { name: '环通乡中心小学避难场所', kind: '室内避难场所', status: '可启用', capacity: '300', manager: '吴校长', phone: '13843500002', townshipCode: '环通乡', address: '环通乡中心小学', lat: '41.66', lng: '125.86' });
  await expect(page.locator('.ag-row', { hasText: '环通乡中心小学避难场所' })).toBeVisible();

  // A teams spreadsheet with one bad row: nothing imported, the row named.
  await page.click('.resources [data-tab=teams]');
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('队伍');
  ws.addRow(['名称', '类别', '人数', '负责人', '24小时值守电话', '乡镇（街道）']);
  ws.addRow(['江东乡志愿者服务队', '志愿者队伍', 30, '钱队长', '13800000002', '江东乡']);
  ws.addRow(['金厂镇抢险队', '专业应急救援队伍', 20, '孙队长', '', '金厂镇']);
  const buf = Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer);
  await page.getByTestId('res-import').setInputFiles({ name: '队伍名录.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: buf });
  await expect(page.locator('.resources .banner-error')).toContainText('第 3 行：“24小时值守电话”不能为空');
  await expect(page.locator('.resources .banner-error')).toContainText('未导入任何记录');
  await expect(page.locator('.ag-row', { hasText: '江东乡志愿者服务队' })).toHaveCount(0);
  await page.screenshot(shot('resources-02-import-refused-1440'));
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.screenshot(shot('resources-03-teams-1366'));

  // An incident logged near them (landslide in 环通乡).
  const tx = await rpc<{ classes: { code: string; types: { code: string; name: string }[] }[] }>('incidents.taxonomy', {}, adminToken);
  const geo = tx.classes.find((c) => c.code === '1')!.types.find((x) => x.code === '14')!;
  await rpc('users.create', { username: 'op2', displayName: '王强', password: 'initial-pass-1', roles: ['operator'] }, adminToken);
  const l2 = await rpc<{ token: string }>('auth.login', { username: 'op2', password: 'initial-pass-1' });
  await rpc('auth.changePassword', { oldPassword: 'initial-pass-1', newPassword: 'operator-pass-8' }, l2.token);
  await rpc('incidents.create', { source: 'phone', classCode: '1', typeCode: geo.code, summary: '环通乡东岔村山体滑坡，威胁 12 户村民', townshipCode: '220502200', placeText: '东岔村后山', lat: 41.65, lng: 125.85 }, l2.token);

  await page.setViewportSize({ width: 1440, height: 900 });
  await page.click('[data-nav=incidents]');
  await page.locator('.ag-row', { hasText: '东岔村' }).first().click();
  const near = page.getByTestId('nearby-resources');
  await expect(near).toBeVisible();
  const teams = near.getByTestId('near-team');
  await expect(teams.first()).toContainText('环通乡应急救援分队');
  await expect(teams.first()).toContainText('13843500001');
  await expect(teams.first()).toContainText('公里');
  await expect(teams.nth(1)).toContainText('东昌区消防救援大队');
  await expect(near.getByTestId('near-shelter').first()).toContainText('13843500002');
  await expect(near.getByTestId('near-warehouse').first()).toContainText('环通乡应急物资储备点');
  await expect(near.getByTestId('near-plan').first()).toContainText('东昌区地质灾害应急预案');
  await near.scrollIntoViewIfNeeded();
  await page.screenshot(shot('resources-04-incident-nearby-1440'));

  // Dispatch the nearest team: a timeline entry of the incident.
  await teams.first().getByTestId('dispatch-team').click();
  await page.getByTestId('ui-dialog-input').fill('前往东岔村后山协助转移群众');
  await page.getByTestId('ui-dialog-ok').click();
  await expect(page.getByTestId('timeline')).toContainText('派出救援队伍：环通乡应急救援分队（负责人 周立军，电话 13843500001）。前往东岔村后山协助转移群众');
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.screenshot(shot('resources-05-dispatched-1366'));
});
