import net from 'node:net';
import { expect, type Page } from '@playwright/test';

/** The duty flow's steps, shared by the harness spec (tests/desktop) and the real-Electron spec (tests/e2e/electron.spec.ts). */
/** Station wall time, "YYYY-MM-DD HH:mm", some minutes ago. */
export function stationTime(minutesAgo: number): string {
  const p = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', { timeZone: 'Asia/Shanghai', hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' })
      .formatToParts(Date.now() - minutesAgo * 60_000)
      .map((x) => [x.type, x.value]),
  );
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
}

export const freePort = () =>
  new Promise<number>((resolve) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const p = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(p));
    });
  });

/** A call through the window's real bridge (the preload's one function), as the signed-in user. */
export async function invoke<T = unknown>(page: Page, method: string, input: unknown): Promise<T> {
  const r = await page.evaluate(([m, i]) => (window as unknown as { watchroom: { invoke(m: string, i: unknown): Promise<{ ok: boolean; value: unknown; error?: unknown }> } }).watchroom.invoke(m as string, i), [method, input] as const);
  if (!r.ok) throw new Error(`${method}: ${JSON.stringify(r.error)}`);
  return r.value as T;
}

export async function setUpStation(page: Page, timeout?: number) {
  await expect(page.getByRole('heading', { name: /初始化本站/ })).toBeVisible({ timeout });
  await page.fill('input[name=stationName]', '东昌区应急管理局');
  await page.fill('input[name=code]', '220502');
  await page.fill('input[name=displayName]', '张伟');
  await page.fill('input[name=password]', 'duty-room-2026');
  await page.fill('input[name=password2]', 'duty-room-2026');
  await page.getByRole('button', { name: '创建站点并登录' }).click();
  await expect(page.getByRole('heading', { name: '值班台' })).toBeVisible({ timeout });
}

export async function person(page: Page, username: string, displayName: string, roles: string[]) {
  await invoke(page, 'users.create', { username, displayName, password: 'first-pass-1', roles });
}

export async function login(page: Page, username: string, password = 'duty-pass-99', first = false) {
  if (await page.getByTestId('logout').isVisible()) await page.getByTestId('logout').click();
  await page.fill('input[name=username]', username);
  await page.fill('input[name=password]', first ? 'first-pass-1' : password);
  await page.getByRole('button', { name: '登录' }).click();
  if (first) {
    // An admin-issued password is replaced at first sign-in.
    await expect(page.getByRole('heading', { name: '修改密码' })).toBeVisible();
    await page.fill('input[name=oldPassword]', 'first-pass-1');
    await page.fill('input[name=newPassword]', password);
    await page.fill('input[name=newPassword2]', password);
    await page.getByRole('button', { name: '修改密码' }).click();
  }
  await expect(page.getByTestId('current-user')).toBeVisible();
}

export async function intakeOverdueCall(page: Page, receivedMinutesAgo: number, place: string, summary: string) {
  const kb = page.keyboard;
  await kb.press('F2');
  const form = page.getByTestId('intake-form');
  await expect(form).toBeVisible();
  await expect(page.locator('input[name=source]')).toBeFocused();
  await kb.press('Tab'); // source: phone
  await page.locator('input[name=receivedAt]').fill(stationTime(receivedMinutesAgo));
  await kb.press('Tab');
  for (const v of ['东昌街道办事处', '李明', '安全员', '13904351234', stationTime(receivedMinutesAgo + 10), '东昌', '新华', place, '21', '08', '工贸', summary]) {
    await kb.type(v);
    await kb.press('Tab');
  }
  for (const v of ['0', '2', '1', '0', '2', '30', '80', '已疏散周边群众，设置警戒', '已报119、街道主任']) {
    await kb.type(v);
    await kb.press('Tab');
  }
  await kb.type('火势仍在蔓延');
  await expect(page.locator('input[name=township]')).toHaveValue(/东昌街道/);
  await kb.press('Enter');
  await expect(form).toHaveCount(0);
  await expect(page.getByRole('status')).toContainText(/已登记 \d{4}-\d{5}/);
}

