import { describe, expect, it } from 'vitest';
import { ESLint } from 'eslint';

/** Renderer rules of issue 11 are lint rules: a deliberate violation must fail. */
const eslint = new ESLint();
async function errorsFor(filePath: string, code: string, rule: string) {
  const [r] = await eslint.lintText(code, { filePath });
  return r.messages.filter((m) => m.ruleId === rule).length;
}

describe('renderer rules', () => {
  it('a screen does not restate access: no role checks on the signed-in user', async () => {
    const f = 'src-renderer/src/features/x.tsx';
    expect(await errorsFor(f, "export const ok = (user: { roles: string[] }) => user.roles.includes('leader');\n", 'no-restricted-syntax')).toBe(1);
    expect(await errorsFor(f, "export const ok = (user: { roles: string[] }) => user.roles.some((r) => r === 'admin');\n", 'no-restricted-syntax')).toBe(1);
    // Asking the contract is the way; filtering other people's data by role is not an access check.
    expect(await errorsFor(f, "import { can } from '@contract/index';\nexport const ok = (user: { roles: 'admin'[] }) => can(user, 'users.create');\n", 'no-restricted-syntax')).toBe(0);
    expect(await errorsFor(f, "export const k = (us: { roles: string[] }[]) => us.filter((u) => u.roles.includes('keeper'));\n", 'no-restricted-syntax')).toBe(0);
  });
  it('duty-board panels have no timers of their own', async () => {
    const code = 'export const start = (f: () => void) => setInterval(f, 30_000);\n';
    expect(await errorsFor('src-renderer/src/features/incidents/BoardPanels.tsx', code, 'no-restricted-globals')).toBe(1);
    expect(await errorsFor('src-renderer/src/features/roster/panels.tsx', code, 'no-restricted-globals')).toBe(1);
    expect(await errorsFor('src-renderer/src/app/SystemPanel.tsx', code, 'no-restricted-globals')).toBe(1);
    expect(await errorsFor('src-renderer/src/app/Clock.tsx', code, 'no-restricted-globals')).toBe(0);
  });
});
