import { stmt } from '../db/stmt';
import type { DB } from '../db/open';
import type { Locale } from '../../contract/roles';
import { stageLabel, type Stage } from '../../contract/reports';
import { subjectTitle } from '../incidents/subject';
import { WORDS } from './describe-messages';

/*
 * What an audit row's entity is called, read-only, by name: 2026-00061 环通乡山体滑坡, 东昌区应急管理局〔2026〕44号,
 * CK-2026-0012, 王庄仓 帐篷. The audit domain reads the other domains' tables here (and only here)
 * because the trail stores ids, and a person reads names. Nothing found → no subject (never the id).
 */
export interface Subject {
  /** The name printed after the action; '' when there is none to print. */
  text: string;
  /** Fills `{doc}` in the action (a report's stage, a voucher's kind). */
  doc?: string;
}

const w = (locale: Locale, key: string, p: Record<string, string> = {}) =>
  (WORDS[locale][key] ?? WORDS.en[key] ?? '').replace(/\{(\w+)\}/g, (_, k: string) => p[k] ?? '');


/** "2026-00061 环通乡地质灾害": the number and the composed 事由 (incidents/subject.ts: place + event), never the call summary. */
export function incidentLabel(db: DB, id: string, locale: Locale): string | null {
  const r = stmt(
    db,
    `SELECT i.year, i.seq, i.class_code, i.type_code, i.accident_type, p.name township FROM incidents i LEFT JOIN places p ON p.code = i.township_code WHERE i.id = ?`,
  ).get(id) as { year: number; seq: number; class_code: string; type_code: string; accident_type: string | null; township: string | null } | undefined;
  if (!r) return null;
  const no = `${r.year}-${String(r.seq).padStart(5, '0')}`;
  return `${no} ${subjectTitle(r.township ?? '', { classCode: r.class_code, typeCode: r.type_code, accidentType: r.accident_type }, locale)}`;
}

const one = <T>(db: DB, sql: string, ...p: unknown[]) => stmt(db, sql).get(...p) as T | undefined;

type Resolver = (db: DB, id: string, locale: Locale) => Subject | null;

const byName =
  (sql: string): Resolver =>
  (db, id) => {
    const r = one<{ n: string }>(db, sql, id);
    return r ? { text: r.n } : null;
  };

/** A record of the resources directory or plan register: its name, and what it is for {doc} (救援队伍, 预案). */
const resource =
  (table: string, doc: string): Resolver =>
  (db, id, l) => {
    const r = one<{ n: string }>(db, `SELECT name n FROM ${table} WHERE id = ?`, id);
    return r ? { text: r.n, doc: w(l, doc) } : { text: '', doc: w(l, doc) };
  };

const RESOLVERS: Record<string, Resolver> = {
  user: byName('SELECT display_name n FROM users WHERE id = ?'),
  station: byName('SELECT name n FROM station WHERE id = ?'),
  incident: (db, id, l) => {
    const t = incidentLabel(db, id, l);
    return t ? { text: t } : null;
  },
  report: (db, id, l) => {
    const r = one<{ stage: Stage; seq: number; no: string | null; title: string }>(db, 'SELECT stage, seq, no, title FROM reports WHERE id = ?', id);
    if (!r) return null;
    return { text: r.no ?? r.title, doc: stageLabel(r.stage, r.seq, l) };
  },
  reportChain: byName('SELECT title n FROM report_chains WHERE id = ?'),
  reportRule: () => ({ text: '' }),
  reportsConfig: (_db, _id, l) => ({ text: w(l, 'setting.reports') }),
  setting: (_db, id, l) => ({ text: w(l, id.startsWith('incidents') ? 'setting.incidents' : id.startsWith('reports') ? 'setting.reports' : 'setting.other') }),
  mat_doc: (db, id, l) => {
    const r = one<{ doc_no: string; kind: string }>(db, 'SELECT doc_no, kind FROM mat_docs WHERE id = ?', id);
    return r ? { text: r.doc_no, doc: w(l, `doc.${r.kind}`) } : null;
  },
  mat_item: byName("SELECT name || CASE WHEN spec <> '' THEN '（' || spec || '）' ELSE '' END n FROM mat_items WHERE id = ?"),
  mat_warehouse: byName('SELECT name n FROM mat_warehouses WHERE id = ?'),
  res_teams: resource('res_teams', 'res.teams'),
  res_experts: resource('res_experts', 'res.experts'),
  res_shelters: resource('res_shelters', 'res.shelters'),
  res_hazards: resource('res_hazards', 'res.hazards'),
  res_plans: resource('res_plans', 'res.plans'),
  res_settings: () => ({ text: '' }),
  mat_level: (db, id) => {
    const [wid, iid] = id.split('|');
    const r = one<{ n: string }>(db, "SELECT w.name || ' ' || i.name n FROM mat_warehouses w, mat_items i WHERE w.id = ? AND i.id = ?", wid, iid);
    return r ? { text: r.n } : null;
  },
  mat_stocktake: byName('SELECT w.name n FROM mat_stocktakes s JOIN mat_warehouses w ON w.id = s.warehouse_id WHERE s.id = ?'),
  mat_enterprise: byName('SELECT name n FROM mat_enterprises WHERE id = ?'),
  mat_contract: byName("SELECT e.name || ' ' || c.contract_no n FROM mat_contracts c JOIN mat_enterprises e ON e.id = c.enterprise_id WHERE c.id = ?"),
  roster_person: byName('SELECT name n FROM roster_people WHERE id = ?'),
  roster_contact: byName("SELECT org || CASE WHEN name <> '' THEN ' ' || name ELSE '' END n FROM roster_contacts WHERE id = ?"),
  mat_rules: () => ({ text: '' }),
  mat_filing: (db, id) => {
    const r = one<{ doc_no: string | null; year: number | null }>(db, 'SELECT d.doc_no, f.year FROM mat_filings f LEFT JOIN mat_docs d ON d.id = f.doc_id WHERE f.id = ?', id);
    return r ? { text: r.doc_no ?? String(r.year ?? '') } : null;
  },
  roster_shift: byName('SELECT name n FROM roster_shifts WHERE id = ?'),
  roster_position: byName('SELECT name n FROM roster_positions WHERE id = ?'),
  roster_rules: () => ({ text: '' }),
  roster_calendar: (_db, id) => ({ text: /^\d{4}-\d{2}-\d{2}$/.test(id) ? id : '' }),
  roster_month: byName('SELECT month n FROM roster_months WHERE id = ?'),
  roster_assignment: (db, id) => {
    const [date, shiftId, positionId] = id.split('/');
    const r = one<{ s: string; p: string }>(db, 'SELECT s.name s, p.name p FROM roster_shifts s, roster_positions p WHERE s.id = ? AND p.id = ?', shiftId, positionId);
    return { text: [/^\d{4}-\d{2}-\d{2}$/.test(date ?? '') ? date : '', r?.s, r?.p].filter(Boolean).join(' ') };
  },
  roster_change: (db, id, l) => {
    const r = one<{ kind: string; a: string; b: string }>(
      db,
      'SELECT c.kind, f.name a, t.name b FROM roster_changes c JOIN roster_people f ON f.id = c.person_from JOIN roster_people t ON t.id = c.person_to WHERE c.id = ?',
      id,
    );
    return r ? { text: w(l, `change.${r.kind}`, { from: r.a, to: r.b }) } : null;
  },
  roster_leave: (db, id, l) => {
    const r = one<{ name: string; from_date: string; to_date: string }>(
      db,
      'SELECT p.name, v.from_date, v.to_date FROM roster_leave v JOIN roster_people p ON p.id = v.person_id WHERE v.id = ?',
      id,
    );
    return r ? { text: w(l, 'leave.of', { name: r.name, from: r.from_date, to: r.to_date }) } : null;
  },
  roster_signin: byName('SELECT p.name n FROM roster_signins s JOIN roster_people p ON p.id = s.person_id WHERE s.id = ?'),
  roster_handover: (db, id, l) => {
    const r = one<{ date: string; shift: string }>(db, 'SELECT h.date, s.name shift FROM roster_handovers h JOIN roster_shifts s ON s.id = h.shift_id WHERE h.id = ?', id);
    return r ? { text: w(l, 'handover.of', { date: r.date, shift: r.shift }) } : null;
  },
  roster_log_entry: () => ({ text: '' }),
  sync_station: byName('SELECT name n FROM sync_stations WHERE id = ?'),
  sync_dispatch: byName('SELECT order_no n FROM sync_dispatch_orders WHERE id = ?'),
  sync_inbound: byName("SELECT order_no || ' ' || from_name n FROM sync_inbound WHERE id = ?"),
  sync_link: () => ({ text: '' }),
  notice: byName("SELECT no || ' ' || title n FROM notices WHERE id = ?"),
  notice_recipient: byName("SELECT r.name || ' · ' || n.title n FROM notice_recipients r JOIN notices n ON n.id = r.notice_id WHERE r.id = ?"),
  notice_receipt: byName("SELECT json_extract(m.data, '$.row.title') n FROM notice_receipts r JOIN sync_master m ON m.kind = 'notice' AND m.key = r.notice_id WHERE r.id = ?"),
  zero_period: byName('SELECT name n FROM zr_periods WHERE id = ?'),
  zero_rule: byName("SELECT p.name || ' ' || coalesce(s.name, '') n FROM zr_rules r JOIN zr_periods p ON p.id = r.period_id LEFT JOIN sync_stations s ON s.id = r.reg_id WHERE r.id = ?"),
  zero_report: byName("SELECT day n FROM zr_reports WHERE id = ?"),
  zero_reminder: byName("SELECT coalesce(s.name, '') || ' ' || m.day n FROM zr_reminders m LEFT JOIN sync_stations s ON s.id = m.reg_id WHERE m.id = ?"),
  warning: (db, id, l) => {
    const r = one<{ year: number; seq: number; kind: string; level: number }>(db, 'SELECT year, seq, kind, level FROM warnings WHERE id = ?', id);
    if (!r) return null;
    const colour = w(l, `warning.colour.${r.level}`);
    return { text: `${r.year}-Y${String(r.seq).padStart(4, '0')} ${r.kind}${l === 'en' ? ` ${colour}` : colour}` };
  },
  warningRule: () => ({ text: '' }),
  plan_figures: (_db, id, l) => ({ text: /^\d{4}$/.test(id) ? (l === 'en' ? id : `${id}年`) : '' }),
  // A backup's file name is what the administrator sees in the backup list.
  backup: (_db, id) => ({ text: /^[\w.-]+$/.test(id) && !UUID.test(id) ? id : '' }),
};

export const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

/** The entity's name, or none. A lookup that fails (a table another build lacks) gives none. */
export function subjectOf(db: DB, entity: string | null, id: string | null, locale: Locale): Subject | null {
  if (!entity || !id) return null;
  const r = RESOLVERS[entity];
  if (!r) return null;
  try {
    return r(db, id, locale);
  } catch {
    return null;
  }
}

export const KNOWN_ENTITIES = Object.keys(RESOLVERS);
