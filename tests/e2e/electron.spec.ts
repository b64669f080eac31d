import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test, expect, _electron as electron } from '@playwright/test';
import { electronBinary } from '../../src-main/launcher-detect';

// The desktop window itself. It runs wherever the Electron runtime is installed; on the build
// machines it cannot be downloaded, and the same renderer and core are covered by the web-mode specs.
const bin = electronBinary(process.cwd());
test.skip(!bin, 'Electron runtime not installed on this machine (its binary download is unreachable); web-mode specs cover the same renderer and core');

test('desktop window: isolated, sandboxed, setup screen in Chinese', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wr-electron-'));
  const app = await electron.launch({ executablePath: bin!, args: ['.', '--data-dir', dir] });
  const win = await app.firstWindow();
  await expect(win.getByRole('heading', { name: /初始化本站/ })).toBeVisible();
  const hasNode = await win.evaluate(() => typeof (globalThis as { require?: unknown }).require !== 'undefined' || typeof (globalThis as { process?: unknown }).process !== 'undefined');
  expect(hasNode).toBe(false);
  expect(await win.evaluate(() => Object.keys((window as unknown as { watchroom: object }).watchroom))).toEqual(['invoke']);
  await win.screenshot({ path: 'test-results/screenshots/electron-01-setup.png' });
  await app.close();
});
