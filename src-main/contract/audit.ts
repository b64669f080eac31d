import { z } from 'zod';
import { query } from './method';
import { MANAGERS } from './roles';

export interface AuditVerifyResult {
  ok: boolean;
  rows: number;
  firstBreak: { seq: number; reason: 'hash' | 'link' | 'gap' | 'head' } | null;
}

export interface AuditRow {
  seq: number;
  at: number;
  userId: string | null;
  username: string | null;
  method: string;
  entity: string | null;
  entityId: string | null;
}

export const auditMethods = {
  'audit.verify': query<AuditVerifyResult>(MANAGERS)(z.object({}).strict()),
  'audit.list': query<AuditRow[]>(MANAGERS)(
    z
      .object({
        beforeSeq: z.number().int().positive().optional(),
        limit: z.number().int().min(1).max(500).default(100),
      })
      .strict(),
  ),
};
