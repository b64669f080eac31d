import { describe, expect, it } from 'vitest';
import { ESLint } from 'eslint';

/** The process boundaries are lint rules: a deliberate violation must fail. */
const eslint = new ESLint();
async function errorsFor(filePath: string, code: string, rule = 'no-restricted-imports') {
  const [r] = await eslint.lintText(code, { filePath });
  return r.messages.filter((m) => m.ruleId === rule).length;
}

describe('layer rules', () => {
  it('core may not import electron', async () => {
    expect(await errorsFor('src-main/core/db/x.ts', "import { app } from 'electron';\nexport const a = app;\n")).toBe(1);
    expect(await errorsFor('src-main/server/x.ts', "import { app } from 'electron';\nexport const a = app;\n")).toBe(1);
  });
  it('contract is pure: no electron, no Node, no main-process code', async () => {
    expect(await errorsFor('src-main/contract/x.ts', "import fs from 'node:fs';\nexport const a = fs;\n")).toBe(1);
    expect(await errorsFor('src-main/contract/x.ts', "import { app } from 'electron';\nexport const a = app;\n")).toBe(1);
    expect(await errorsFor('src-main/contract/x.ts', "import { stmt } from '../core/db/stmt';\nexport const a = stmt;\n")).toBe(1);
  });
  it('the renderer may not import Node, electron or main-process code — only the contract', async () => {
    const f = 'src-renderer/src/features/x.tsx';
    expect(await errorsFor(f, "import fs from 'fs';\nexport const a = fs;\n")).toBe(1);
    expect(await errorsFor(f, "import { ipcRenderer } from 'electron';\nexport const a = ipcRenderer;\n")).toBe(1);
    expect(await errorsFor(f, "import { stmt } from '../../../src-main/core/db/stmt';\nexport const a = stmt;\n")).toBe(1);
    expect(await errorsFor(f, "import { ROLES } from '@contract/roles';\nexport const a = ROLES;\n")).toBe(0);
  });
  it('the renderer asks with ui/dialog: no prompt, confirm, alert or web Notification (Electron has no window.prompt)', async () => {
    const f = 'src-renderer/src/features/x.tsx';
    expect(await errorsFor(f, "export const a = () => window.prompt('why');\n", 'no-restricted-properties')).toBe(1);
    expect(await errorsFor(f, "export const a = () => globalThis.confirm('sure?');\n", 'no-restricted-properties')).toBe(1);
    expect(await errorsFor(f, "export const a = () => prompt('why');\n", 'no-restricted-globals')).toBe(1);
    expect(await errorsFor(f, "export const a = () => confirm('sure?');\n", 'no-restricted-globals')).toBe(1);
    expect(await errorsFor(f, "export const a = () => alert('done');\n", 'no-restricted-globals')).toBe(1);
    expect(await errorsFor(f, "export const a = () => new Notification('overdue');\n", 'no-restricted-syntax')).toBe(1);
    expect(await errorsFor(f, "export const a = () => new window.Notification('overdue');\n", 'no-restricted-syntax')).toBe(1);
    // Board panels have their own rule block; the dialog rules hold there too.
    expect(await errorsFor('src-renderer/src/features/reports/BoardPanels.tsx', "export const a = () => prompt('why');\n", 'no-restricted-globals')).toBe(1);
    // The in-app dialog's question is an import, not the global.
    expect(await errorsFor(f, "import { askConfirm } from '../../ui/dialog';\nexport const a = () => askConfirm({ title: 'x' });\n", 'no-restricted-globals')).toBe(0);
    // The main process may raise notifications.
    expect(await errorsFor('src-main/electron/x.ts', "export const a = () => new Notification('overdue');\n", 'no-restricted-syntax')).toBe(0);
  });
  it('the Electron glue may import electron', async () => {
    expect(await errorsFor('src-main/electron/x.ts', "import { app } from 'electron';\nexport const a = app;\n")).toBe(0);
  });
  it('handlers hold no SQL: no statement cache, no driver, no prepare/exec in core/*/handlers', async () => {
    const h = 'src-main/core/users/handlers.ts';
    expect(await errorsFor(h, "import { stmt } from '../db/stmt';\nexport const a = stmt;\n")).toBe(1);
    expect(await errorsFor('src-main/core/users/handlers/area.ts', "import { stmt } from '../../db/stmt';\nexport const a = stmt;\n")).toBe(1);
    expect(await errorsFor(h, "import Database from 'better-sqlite3';\nexport const a = Database;\n")).toBe(1);
    expect(await errorsFor(h, "export const f = (db: { prepare(s: string): unknown }) => db.prepare('SELECT 1');\n", 'no-restricted-syntax')).toBe(1);
    expect(await errorsFor(h, "import { app } from 'electron';\nexport const a = app;\n")).toBe(1);
    // Roster holds no SQL in its handlers any more: the rule checks them (handlers/<area>.ts).
    expect(await errorsFor('src-main/core/roster/handlers/month.ts', "import { stmt } from '../../db/stmt';\nexport const a = stmt;\n")).toBe(1);
    expect(await errorsFor('src-main/core/roster/handlers.ts', "import { stmt } from '../db/stmt';\nexport const a = stmt;\n")).toBe(1);
    // Repositories are where SQL belongs.
    expect(await errorsFor('src-main/core/users/repo.ts', "import { stmt } from '../db/stmt';\nexport const a = stmt;\n")).toBe(0);
  });
});
