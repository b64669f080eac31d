import { z } from 'zod';
import { method } from './method';
import { Empty } from './common';
import type { Role } from './roles';
import type { StationInfo } from './station';

export interface Health {
  name: 'watchroom';
  version: string;
  schemaVersion: number;
  station: Pick<StationInfo, 'id' | 'name' | 'code' | 'level'> | null;
  needsSetup: boolean;
  time: number;
}

export interface MethodInfo {
  name: string;
  access: 'public' | 'authenticated' | Role[];
  mutates: boolean;
  inputSchema: unknown;
}

export interface BackupInfo {
  file: string;
  bytes: number;
  createdAt: number;
}

export const systemMethods = {
  'system.health': method<Health>()(Empty),
  'system.methods': method<MethodInfo[]>()(Empty),
  'system.backup': method<BackupInfo>()(Empty),
  'system.listBackups': method<BackupInfo[]>()(Empty),
  /** Restore is staged: the file replaces the database at the next start (the running DB stays untouched). */
  'system.scheduleRestore': method<{ scheduled: string }>()(
    z.object({ file: z.string().min(1).max(260).regex(/^[\w.-]+\.sqlite$/) }).strict(),
  ),
};
