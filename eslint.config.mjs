// Process boundaries are lint rules, not conventions (see README "Layers").
import tseslint from 'typescript-eslint';
import { builtinModules } from 'node:module';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'tests/lint-fixtures/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // core runs under plain Node (web mode, CLI, tests): Electron is never available there.
    files: ['src-main/core/**/*.ts', 'src-main/server/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'electron', message: 'core/ and server/ run without Electron: put Electron glue in src-main/electron.' }] }],
    },
  },
  {
    // Handlers orchestrate (load → check → write → audit); every SQL statement lives in a repository.
    files: ['src-main/core/*/handlers.ts', 'src-main/core/*/handlers/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'electron', message: 'core/ and server/ run without Electron: put Electron glue in src-main/electron.' },
            { name: 'better-sqlite3', message: 'Handlers hold no SQL: put statements in the domain repository (repo*.ts).' },
          ],
          patterns: [{ group: ['**/db/stmt'], message: 'Handlers hold no SQL: put statements in the domain repository (repo*.ts).' }],
        },
      ],
      'no-restricted-syntax': [
        'error',
        { selector: "CallExpression[callee.property.name=/^(prepare|exec|pragma)$/]", message: 'Handlers hold no SQL: put statements in the domain repository (repo*.ts).' },
      ],
    },
  },
  {
    // The contract is shared with the renderer: pure TypeScript + zod, nothing else.
    files: ['src-main/contract/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'contract/ is pure.' }, ...nodeBuiltins.map((name) => ({ name, message: 'contract/ is pure: no Node built-ins.' }))],
          patterns: [{ group: ['../core/*', '../core', '../server/*', '../electron/*', '../*.ts'], message: 'contract/ imports nothing from the main process.' }],
        },
      ],
    },
  },
  {
    // The renderer is a web page: no Node, no Electron, nothing of the main process but the contract.
    files: ['src-renderer/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'The renderer talks to the main process only through api/client.ts.' }, ...nodeBuiltins.map((name) => ({ name, message: 'No Node built-ins in the renderer.' }))],
          patterns: [
            { group: ['**/src-main/core/**', '**/src-main/server/**', '**/src-main/electron/**', '**/src-main/*.ts', '**/src-main/index*', '**/src-main/preload*'], message: 'The renderer may import only the contract (@contract/…).' },
          ],
        },
      ],
      // Access lives in the contract's method specs: a screen asks can(user, 'x.y'), never the roles.
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.property.name=/^(includes|some|every|indexOf)$/][callee.object.property.name='roles'][callee.object.object.name='user']",
          message: "Ask can(user, 'method.name') from @contract/index: access lives in the method spec.",
        },
      ],
    },
  },
  {
    // Duty-board panels refresh through the data layer's one board policy (api/query.ts), not their own timers.
    files: ['src-renderer/src/app/SystemPanel.tsx', 'src-renderer/src/features/*/Board*.tsx', 'src-renderer/src/features/*/panels.tsx'],
    rules: {
      'no-restricted-globals': ['error', { name: 'setInterval', message: 'Board panels refresh on the board policy (useApiQuery under <BoardRefresh>).' }],
      'no-restricted-properties': ['error', { object: 'window', property: 'setInterval', message: 'Board panels refresh on the board policy (useApiQuery under <BoardRefresh>).' }],
    },
  },
);
