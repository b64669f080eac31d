// Icons from the one source, build/icon.svg (run after editing it; the outputs are committed):
//   build/icon.png (512 px, electron-builder), build/icon.ico (16–256 px, Windows),
//   resources/icons/icon.png (256 px, window and notifications), resources/icons/tray.png (32 px).
// Rendered by the same Chromium the tests use (no ImageMagick on these machines); the .ico holds
// PNG images, which Windows has read since Vista.
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from '@playwright/test';

const root = path.resolve(import.meta.dirname, '..');
const svg = fs.readFileSync(path.join(root, 'build/icon.svg'), 'utf8');
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });

async function render(size) {
  const page = await browser.newPage({ viewport: { width: size, height: size }, deviceScaleFactor: 1 });
  const data = Buffer.from(svg).toString('base64');
  await page.setContent(`<html><body style="margin:0;background:transparent"><img src="data:image/svg+xml;base64,${data}" width="${size}" height="${size}" style="display:block"></body></html>`);
  await page.locator('img').evaluate((img) => img.decode());
  const png = await page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } });
  await page.close();
  return png;
}

/** ICO container (ICONDIR + ICONDIRENTRY[] + PNG payloads). */
function ico(images) {
  const head = Buffer.alloc(6 + 16 * images.length);
  head.writeUInt16LE(0, 0);
  head.writeUInt16LE(1, 2);
  head.writeUInt16LE(images.length, 4);
  let offset = head.length;
  images.forEach(({ size, png }, i) => {
    const e = 6 + 16 * i;
    head.writeUInt8(size >= 256 ? 0 : size, e);
    head.writeUInt8(size >= 256 ? 0 : size, e + 1);
    head.writeUInt8(0, e + 2);
    head.writeUInt8(0, e + 3);
    head.writeUInt16LE(1, e + 4);
    head.writeUInt16LE(32, e + 6);
    head.writeUInt32LE(png.length, e + 8);
    head.writeUInt32LE(offset, e + 12);
    offset += png.length;
  });
  return Buffer.concat([head, ...images.map((x) => x.png)]);
}

const out = (p, b) => {
  fs.mkdirSync(path.dirname(path.join(root, p)), { recursive: true });
  fs.writeFileSync(path.join(root, p), b);
  console.log(`${p}  ${b.length} bytes`);
};
out('build/icon.png', await render(512));
out('resources/icons/icon.png', await render(256));
out('resources/icons/tray.png', await render(32));
const sizes = [16, 24, 32, 48, 64, 128, 256];
out('build/icon.ico', ico(await Promise.all(sizes.map(async (size) => ({ size, png: await render(size) })))));
await browser.close();
