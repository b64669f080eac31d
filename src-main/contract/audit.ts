import { z } from 'zod';
import { method } from './method';

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
  'audit.verify': method<AuditVerifyResult>()(z.object({}).strict()),
  'audit.list': method<AuditRow[]>()(
    z
      .object({
        beforeSeq: z.number().int().positive().optional(),
        limit: z.number().int().min(1).max(500).default(100),
      })
      .strict(),
  ),
};
