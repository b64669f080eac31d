import { stmt } from '../db/stmt';
import type { DB } from '../db/open';

export interface AuditStored {
  seq: number;
  at: number;
  userId: string | null;
  username: string | null;
  method: string;
  entity: string | null;
  entityId: string | null;
}

export interface AuditQuery {
  beforeSeq?: number;
  limit: number;
  userId?: string;
  kind?: string;
  from?: number;
  to?: number;
}

/** Rows newest first, filtered by person, kind (the method's domain) and period [from, to). */
export function auditRows(db: DB, q: AuditQuery): AuditStored[] {
  const where = ['seq < ?'];
  const p: (string | number)[] = [q.beforeSeq ?? Number.MAX_SAFE_INTEGER];
  const add = (sql: string, ...v: (string | number)[]) => {
    where.push(sql);
    p.push(...v);
  };
  if (q.userId) add('user_id = ?', q.userId);
  // '/' sorts right after '.', so this is "method starts with kind." on the index.
  if (q.kind) add('method >= ? AND method < ?', `${q.kind}.`, `${q.kind}/`);
  if (q.from !== undefined) add('at >= ?', q.from);
  if (q.to !== undefined) add('at < ?', q.to);
  return stmt(
    db,
    `SELECT seq, at, user_id AS userId, username, method, entity, entity_id AS entityId
     FROM audit_log WHERE ${where.join(' AND ')} ORDER BY seq DESC LIMIT ?`,
  ).all(...p, q.limit) as AuditStored[];
}

/** Audit rows of a window, oldest first, for the duty log. */
export function auditWindow(db: DB, from: number, to: number, skip: readonly string[], limit: number): AuditStored[] {
  return stmt(
    db,
    `SELECT seq, at, user_id AS userId, username, method, entity, entity_id AS entityId FROM audit_log
     WHERE at >= ? AND at < ? AND method NOT IN (${skip.map(() => '?').join(', ')}) ORDER BY at, seq LIMIT ${Math.floor(limit)}`,
  ).all(from, to, ...skip) as AuditStored[];
}
