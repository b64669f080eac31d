/**
 * Maintenance commands under plain Node (the app should not be running for `restore`):
 *   node out/main/cli.js backup   [--data-dir D]
 *   node out/main/cli.js restore  <backup-file> [--data-dir D]
 *   node out/main/cli.js backups  [--data-dir D]
 *   node out/main/cli.js verify-audit [--data-dir D]
 *   node out/main/cli.js demo     [--data-dir D] [--admin-password P]
 */
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { readArgs } from './args';
import { createApp } from './core/app';
import { loadDemoData } from './core/devtools/parts';
import { backupNow, listBackups, requireDatabase, restoreBackup } from './core/db/backup';
import { verifyWithAnchors } from './core/audit/tail-guard';
import { translate } from './core/i18n/messages';
import { ApiError } from './core/util/errors';
import { benchData, crashWriter } from './core/devtools/proving';

async function main(): Promise<number> {
  const args = readArgs();
  const [cmd, ...rest] = args.positionals;
  const backupDir = path.join(args.dataDir, 'backups');
  switch (cmd) {
    case 'backup': {
      requireDatabase(args.dataDir);
      const app = createApp({ dataDir: args.dataDir, autoBackup: false, demo: loadDemoData });
      try {
        const b = await backupNow(app.db, backupDir, Date.now());
        console.log(`backup: ${path.join(backupDir, b.file)} (${b.bytes} bytes)`);
      } finally {
        app.close();
      }
      return 0;
    }
    case 'backups':
      for (const b of listBackups(backupDir)) console.log(`${b.file}\t${b.bytes}\t${new Date(b.createdAt).toISOString()}`);
      return 0;
    case 'restore': {
      if (!rest[0]) throw new Error('usage: restore <backup-file> [--data-dir D]');
      requireDatabase(args.dataDir);
      const file = path.isAbsolute(rest[0]) || rest[0].includes(path.sep) ? rest[0] : path.join(backupDir, rest[0]);
      const { keptAs } = restoreBackup(args.dataDir, path.resolve(file), Date.now());
      console.log(`restored ${file}${keptAs ? `; previous database kept as ${keptAs}` : ''}`);
      return 0;
    }
    case 'verify-audit': {
      requireDatabase(args.dataDir);
      const app = createApp({ dataDir: args.dataDir, autoBackup: false, demo: loadDemoData });
      try {
        const r = verifyWithAnchors(app.db, args.dataDir, backupDir, 'zh-CN');
        const en = verifyWithAnchors(app.db, args.dataDir, backupDir, 'en').message;
        // In words first (both languages), the machine-readable verdict last.
        console.log(`${r.message}\n${en}`);
        console.log(JSON.stringify(r));
        return r.ok ? 0 : 3;
      } finally {
        app.close();
      }
    }
    case 'demo': {
      const app = createApp({ dataDir: args.dataDir, autoBackup: false, demo: loadDemoData });
      try {
        const password = args.adminPassword ?? randomBytes(9).toString('base64url');
        const r = await app.call(
          'auth.setup',
          {
            station: { name: '东昌区应急管理局', code: '220502', level: 'district', timeZone: 'Asia/Shanghai' },
            admin: { username: 'admin', displayName: '系统管理员', password },
            loadDemo: true,
          },
          { transport: 'cli', locale: 'zh-CN' },
        );
        if (!r.ok) throw new Error(r.error.message);
        console.log(`demo station created in ${args.dataDir}\nuser: admin\npassword: ${password}`);
      } finally {
        app.close();
      }
      return 0;
    }
    case 'bench-data': {
      // npm run bench:data -- --years 5 --out DIR [--seed N] [--scale S]   (issue 8)
      if (!args.out) throw new Error('usage: bench-data --out DIR [--years 5] [--seed 42] [--scale 1] [--admin-password P]');
      const r = await benchData({ out: path.resolve(args.out), years: args.years ?? 5, seed: args.seed ?? 42, scale: args.scale ?? 1, adminPassword: args.adminPassword });
      for (const [table, n] of Object.entries(r.counts)) console.log(`${table.padEnd(32)} ${n}`);
      console.log(`file: ${r.file} (${(r.bytes / 1048576).toFixed(1)} MiB) in ${r.seconds.toFixed(1)} s\nuser: admin\npassword: ${r.adminPassword}`);
      return 0;
    }
    case 'crash-writer': {
      // Hidden: the child process of tests/unit/proving/durability.test.ts (killed with SIGKILL).
      return crashWriter(args.dataDir, args.adminPassword ?? 'crash-writer-pass');
    }
    default:
      console.error('commands: backup | backups | restore <file> | verify-audit | demo | bench-data   (options: --data-dir D)');
      return 64;
  }
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(e instanceof ApiError ? translate('zh-CN', e.key, e.params) + '\n' + translate('en', e.key, e.params) : e instanceof Error ? e.message : e);
    process.exit(1);
  },
);
