import { stmt } from '../db/stmt';
import type { DB } from '../db/open';
import type { Locale } from '../../contract/roles';
import { ACTIONS, KINDS, MATTERS, WORDS } from './describe-messages';
import { subjectOf } from './subjects';

/** One audit row as a person reads it: "12:17 王建华 签发初报 东昌区应急管理局〔2026〕44号". */
export interface DescribedAudit {
  /** The person's display name (the login name if the account is gone; 系统 if none). */
  person: string;
  /** The method's domain, for the kind filter (auth, incidents, reports, …). */
  kind: string;
  kindLabel: string;
  /** "签发初报" */
  action: string;
  /** "东昌区应急管理局〔2026〕44号" ('' if the entity has no printable name) */
  subject: string;
  /** action + subject */
  text: string;
}

export interface AuditRowLike {
  userId: string | null;
  username: string | null;
  method: string;
  entity: string | null;
  entityId: string | null;
}

const fill = (t: string, p: Record<string, string>) => t.replace(/\{(\w+)\}/g, (_, k: string) => p[k] ?? '');

/** The domain of a method ('materials.docs.save' → 'materials'). */
export const kindOf = (method: string) => method.split('.')[0];

export function kindLabel(locale: Locale, kind: string): string {
  return KINDS[locale][kind] ?? KINDS.en[kind] ?? KINDS[locale].system;
}

/** Whether the catalogue has a sentence for this method (the tests hold every audited method to it). */
export const hasAction = (method: string) => method in ACTIONS['zh-CN'] && method in ACTIONS.en;

const names = new WeakMap<DB, Map<string, string>>();
export function personName(db: DB, locale: Locale, userId: string | null, username: string | null): string {
  if (!userId) return username ?? WORDS[locale].system;
  let m = names.get(db);
  if (!m) names.set(db, (m = new Map()));
  let n = m.get(userId);
  if (n === undefined) {
    const r = stmt(db, 'SELECT display_name FROM users WHERE id = ?').get(userId) as { display_name: string } | undefined;
    n = r?.display_name ?? username ?? WORDS[locale].system;
    m.set(userId, n);
  }
  return n;
}

export function describeAudit(db: DB, locale: Locale, row: AuditRowLike): DescribedAudit {
  const kind = kindOf(row.method);
  // "王建华 修改本人密码", not "王建华 修改本人密码 王建华".
  const self = row.entity === 'user' && row.entityId !== null && row.entityId === row.userId;
  const subject = self ? null : subjectOf(db, row.entity, row.entityId, locale);
  const fallbackDoc = WORDS[locale][kind === 'materials' ? 'doc.voucher' : 'doc.report'];
  const template = ACTIONS[locale][row.method] ?? ACTIONS.en[row.method] ?? kindLabel(locale, kind);
  const action = fill(template, { doc: subject?.doc ?? fallbackDoc });
  const subj = subject?.text ?? '';
  return {
    person: personName(db, locale, row.userId, row.username),
    kind,
    kindLabel: kindLabel(locale, kind),
    action,
    subject: subj,
    text: subj ? `${action} ${subj}` : action,
  };
}

/** An open matter's kind as a person reads it ('belowMin' → 库存低于定额, 'report.followup' → 报告待报). */
export function matterLabel(locale: Locale, kind: string): string {
  const k = kind.startsWith('report.') ? 'report' : kind;
  return MATTERS[locale][k] ?? MATTERS.en[k] ?? MATTERS[locale].other;
}
