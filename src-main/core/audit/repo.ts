import { stmt } from '../db/stmt';
import type { DB } from '../db/open';
import type { AuditRow } from '../../contract/audit';

/** Newest first, before `beforeSeq` (paging backwards). */
export function listAudit(db: DB, beforeSeq: number | undefined, limit: number): AuditRow[] {
  return stmt(
    db,
    `SELECT seq, at, user_id AS userId, username, method, entity, entity_id AS entityId
     FROM audit_log WHERE seq < ? ORDER BY seq DESC LIMIT ?`,
  ).all(beforeSeq ?? Number.MAX_SAFE_INTEGER, limit) as AuditRow[];
}
