import { describe, expect, it } from 'vitest';
import { ESLint } from 'eslint';

/** The process boundaries are lint rules: a deliberate violation must fail. */
const eslint = new ESLint();
async function errorsFor(filePath: string, code: string) {
  const [r] = await eslint.lintText(code, { filePath });
  return r.messages.filter((m) => m.ruleId === 'no-restricted-imports').length;
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
  it('the Electron glue may import electron', async () => {
    expect(await errorsFor('src-main/electron/x.ts', "import { app } from 'electron';\nexport const a = app;\n")).toBe(0);
  });
});
