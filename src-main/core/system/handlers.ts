import type { Handlers } from '../api/types';
import { describeMethods } from '../api/describe';
import { getStation } from '../station/repo';
import { schemaVersion } from '../db/migrate';
import { backupNow, listBackups, scheduleRestore } from '../db/backup';
import { countUsers } from '../users/repo';

export const systemHandlers: Handlers<
  'system.health' | 'system.methods' | 'system.backup' | 'system.listBackups' | 'system.scheduleRestore'
> = {
  'system.health': {
    handler: (ctx) => {
      const s = getStation(ctx.db);
      return {
        name: 'watchroom' as const,
        version: ctx.services.version,
        schemaVersion: schemaVersion(ctx.db),
        station: s ? { id: s.id, name: s.name, code: s.code, level: s.level } : null,
        needsSetup: !s || countUsers(ctx.db) === 0,
        time: ctx.clock.now(),
      };
    },
  },
  'system.methods': { handler: () => describeMethods() },
  'system.backup': {
    mode: 'async',
    handler: async (ctx) => {
      const info = await backupNow(ctx.db, ctx.services.backupDir, ctx.clock.now());
      ctx.audit({ entity: 'backup', entityId: info.file });
      return info;
    },
  },
  'system.listBackups': { handler: (ctx) => listBackups(ctx.services.backupDir) },
  'system.scheduleRestore': {
    handler: (ctx, input) => {
      scheduleRestore(ctx.services.dataDir, ctx.services.backupDir, input.file);
      ctx.audit({ entity: 'backup', entityId: input.file });
      return { scheduled: input.file };
    },
  },
};
