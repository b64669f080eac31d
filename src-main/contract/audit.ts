import { z } from 'zod';
import { query } from './method';
import { MANAGERS } from './roles';

export interface AuditVerifyResult {
  ok: boolean;
  rows: number;
  /**
   * 'truncated': rows the anchors outside the file prove existed are gone (see `missing`);
   * 'anchor': an anchored row is there with other content (the tail was rewritten).
   */
  firstBreak: { seq: number; reason: 'hash' | 'link' | 'gap' | 'head' | 'truncated' | 'anchor' } | null;
  /** How many anchors kept outside the database (data folder, backups) were compared. */
  anchors: number;
  /** The sequence numbers cut from the tail, when the anchors show it. */
  missing: { from: number; to: number } | null;
  /** The verdict in the caller's words. */
  message: string;
}

export interface AuditRow {
  seq: number;
  at: number;
  userId: string | null;
  username: string | null;
  method: string;
  entity: string | null;
  entityId: string | null;
  /** What a person reads (the API method and ids above are for the record, not the screen). */
  person: string;
  /** The method's domain (filter key) and its name. */
  kind: string;
  kindLabel: string;
  action: string;
  subject: string;
  text: string;
}

/** The audit log's filters: who, which kind of work, which period (ms, [from, to)). */
export const AuditFilter = z.object({
  userId: z.string().min(1).max(64).optional(),
  kind: z.string().regex(/^[a-z]+$/).max(20).optional(),
  from: z.number().int().nonnegative().optional(),
  to: z.number().int().positive().optional(),
});

export const auditMethods = {
  'audit.verify': query<AuditVerifyResult>(MANAGERS)(z.object({}).strict()),
  'audit.list': query<AuditRow[]>(MANAGERS)(
    z
      .object({
        beforeSeq: z.number().int().positive().optional(),
        limit: z.number().int().min(1).max(500).default(100),
      })
      .merge(AuditFilter)
      .strict(),
  ),
  /** The filtered log as a printable workbook (at most 20 000 rows, newest first). */
  'audit.export': query<{ fileName: string; base64: string; rows: number }>(MANAGERS)(AuditFilter.strict()),
};
