import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { unzip } from './fixture';

/** LibreOffice is real here (no mocks); the parts that need it are skipped, with this reason, only where it is absent. */
export const SOFFICE = spawnSync('sh', ['-c', 'command -v soffice && command -v pdftoppm && command -v pdfinfo'], { encoding: 'utf8' }).status === 0;
export const NO_SOFFICE = 'LibreOffice (soffice) or poppler (pdftoppm, pdfinfo) is not installed: apt-get install libreoffice-writer-nogui libreoffice-calc-nogui poppler-utils';
export const FONTS_CONF = resolve(__dirname, '../../../resources/fonts/fonts.conf');
export const ARTIFACTS = resolve(__dirname, '../../../test-results/paper');

/**
 * Converts a docx / xlsx to PDF with LibreOffice (the conventional fonts mapped to installed Noto
 * CJK by resources/fonts/fonts.conf), renders every page to PNG under test-results/paper/<name>-N.png
 * (kept as artifacts, to be looked at), and returns the page count.
 */
export function renderPaper(name: string, ext: 'docx' | 'xlsx', bytes: Buffer): { pages: number; pngs: string[]; pdf: string } {
  mkdirSync(ARTIFACTS, { recursive: true });
  const work = mkdtempSync(join(tmpdir(), 'paper-'));
  try {
    const src = join(work, `${name}.${ext}`);
    writeFileSync(src, bytes);
    writeFileSync(join(ARTIFACTS, `${name}.${ext}`), bytes);
    execFileSync('soffice', [`-env:UserInstallation=file://${join(work, 'profile')}`, '--headless', '--convert-to', 'pdf', '--outdir', work, src], {
      env: { ...process.env, FONTCONFIG_FILE: FONTS_CONF, HOME: work }, stdio: 'pipe', timeout: 180_000,
    });
    const pdf = join(ARTIFACTS, `${name}.pdf`);
    execFileSync('cp', [join(work, `${name}.pdf`), pdf]);
    const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
    const pages = Number(/Pages:\s+(\d+)/.exec(info)![1]);
    for (const f of readdirSync(ARTIFACTS)) if (f.startsWith(`${name}-`) && f.endsWith('.png')) rmSync(join(ARTIFACTS, f));
    execFileSync('pdftoppm', ['-png', '-r', '60', pdf, join(ARTIFACTS, name)]);
    const pngs = readdirSync(ARTIFACTS).filter((f) => f.startsWith(`${name}-`) && f.endsWith('.png')).map((f) => join(ARTIFACTS, f));
    return { pages, pngs, pdf };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** Page sizes of a PDF in mm (pdfinfo -f 1 -l N). */
export function pdfPageSizes(pdf: string, pages: number): { w: number; h: number }[] {
  const info = execFileSync('pdfinfo', ['-f', '1', '-l', String(pages), pdf], { encoding: 'utf8' });
  return [...info.matchAll(/Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts/g)].map((m) => ({ w: (Number(m[1]) * 25.4) / 72, h: (Number(m[2]) * 25.4) / 72 }));
}

/** The text of one page of a PDF (pdftotext). */
export function pdfPageText(pdf: string, page: number): string {
  return execFileSync('pdftotext', ['-f', String(page), '-l', String(page), '-layout', pdf, '-'], { encoding: 'utf8' });
}

export async function docxParts(b: Buffer) {
  const files = await unzip(b);
  return { doc: files.get('word/document.xml')!, settings: files.get('word/settings.xml') ?? '', files };
}

/** Paragraphs of document.xml with their runs' text, east-Asian font, size (half-points) and colour. */
export function paragraphs(xml: string) {
  return [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((m) => {
    const p = m[0];
    const runs = [...p.matchAll(/<w:r>([\s\S]*?)<\/w:r>/g)].map((r) => ({
      text: [...r[1].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((x) => x[1]).join(''),
      font: /w:eastAsia="([^"]+)"/.exec(r[1])?.[1] ?? null,
      size: Number(/<w:sz w:val="(\d+)"/.exec(r[1])?.[1] ?? 0),
      color: /<w:color w:val="([^"]+)"/.exec(r[1])?.[1] ?? null,
    }));
    return { xml: p, text: runs.map((r) => r.text).join(''), runs, align: /<w:jc w:val="([^"]+)"/.exec(p)?.[1] ?? null };
  });
}
