import { z } from 'zod';
import { query, mutation } from './method';
import { Empty } from './common';
import { ADMINS, MANAGERS, type Role } from './roles';
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
  'system.health': query<Health>('public')(Empty),
  'system.methods': query<MethodInfo[]>('authenticated')(Empty),
  'system.backup': mutation<BackupInfo>(MANAGERS)(Empty),
  'system.listBackups': query<BackupInfo[]>(MANAGERS)(Empty),
  /** Restore is staged: the file replaces the database at the next start (the running DB stays untouched). */
  'system.scheduleRestore': mutation<{ scheduled: string }>(ADMINS)(
    z.object({ file: z.string().min(1).max(260).regex(/^[\w.-]+\.sqlite$/) }).strict(),
  ),
};
