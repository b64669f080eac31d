import type { DB } from '../db/open';
import { stmt } from '../db/stmt';
import { tableColumns, tableExists } from './capture';
import { listRegs, type StationReg } from './hub';
import { mirrorName } from './mirror';
import { TRAVELLING } from './travelling';
import type {
  DispatchRow,
  DistrictIncident,
  DistrictOverview,
  DistrictReportRow,
  DistrictStockRow,
  DistrictTransitRow,
  StationRegRow,
} from '../../contract/sync';

/**
 * The district's consolidated view: every registered station (last seen, items waiting) and the
 * union of the hub's own rows with the read-only copies, each row marked with its origin. Every
 * travelling table always exists (every domain's migrations run); a copy table exists once the
 * first record of its kind has arrived from a station.
 */

function copies(db: DB, table: string, origin: string | null): number {
  const m = mirrorName(table);
  if (!tableExists(db, m)) return 0;
  if (origin === null) return (stmt(db, `SELECT count(*) AS n FROM "${m}"`).get() as { n: number }).n;
  return (stmt(db, `SELECT count(*) AS n FROM "${m}" WHERE _origin = ?`).get(origin) as { n: number }).n;
}

export function toRegRow(db: DB, r: StationReg): StationRegRow {
  let n = 0;
  if (r.station_id) for (const d of TRAVELLING) n += copies(db, d.table, r.station_id);
  return regRowOf(r, n);
}

/** A registration as the district screens show it, with how many copies its station has here. */
export function regRowOf(r: StationReg, n: number): StationRegRow {
  return {
    id: r.id,
    stationId: r.station_id,
    name: r.name,
    code: r.code,
    level: r.level as StationRegRow['level'],
    state: r.revoked_at ? 'revoked' : r.enrolled_at ? 'enrolled' : 'pending',
    codeExpiresAt: r.otc_expires_at,
    enrolledAt: r.enrolled_at,
    revokedAt: r.revoked_at,
    revokeReason: r.revoke_reason,
    lastSeenAt: r.last_seen_at,
    lastPushAt: r.last_push_at,
    waiting: r.waiting,
    appliedSeq: r.applied_seq,
    copies: n,
    version: r.version,
  };
}

/** Whether a station's copies of `table` have arrived yet, with the columns a view needs. */
const hasCopies = (db: DB, table: string, cols: string[]) => {
  const m = mirrorName(table);
  if (!tableExists(db, m)) return false;
  const c = new Set(tableColumns(db, m).map((x) => x.name));
  return cols.every((x) => c.has(x));
};

/**
 * `SELECT <cols>, <origin> FROM local UNION ALL SELECT <cols>, _origin FROM sync_copy_local` (the
 * copies once any have arrived). `cols` are written against alias T.
 */
function unionSql(db: DB, table: string, needed: string[], select: string, hubId: string, where = '1'): string {
  const parts = [`SELECT ${select}, '${hubId.replace(/'/g, "''")}' AS origin FROM "${table}" AS T WHERE ${where}`];
  if (hasCopies(db, table, needed)) parts.push(`SELECT ${select}, T._origin AS origin FROM "${mirrorName(table)}" AS T WHERE ${where}`);
  return parts.join(' UNION ALL ');
}

export function districtOverview(db: DB, hub: { id: string; name: string }): DistrictOverview {
  const regs = listRegs(db);
  const names = new Map<string, string>([[hub.id, hub.name]]);
  for (const r of regs) if (r.station_id) names.set(r.station_id, r.name);
  const nameOf = (o: string) => names.get(o) ?? o;

  const tables = TRAVELLING.map((d) => ({ table: d.table, area: d.area, present: true, copies: copies(db, d.table, null) }));

  const incidents: DistrictIncident[] = [];
  const incSql = unionSql(
    db,
    'incidents',
    ['id', 'received_at', 'summary', 'grade', 'status', 'township_code', 'dead', 'injured', 'missing', 'merged_into'],
    'T.id AS id, T.received_at AS receivedAt, T.summary AS summary, T.grade AS grade, T.status AS status, T.township_code AS townshipCode, T.dead AS dead, T.injured AS injured, T.missing AS missing',
    hub.id,
    'T.merged_into IS NULL',
  );
  for (const r of stmt(db, `SELECT * FROM (${incSql}) ORDER BY receivedAt DESC LIMIT 500`).all() as (Omit<DistrictIncident, 'originName'>)[]) {
    incidents.push({ ...r, dead: Number(r.dead ?? 0), injured: Number(r.injured ?? 0), missing: Number(r.missing ?? 0), originName: nameOf(r.origin) });
  }

  // Report timeliness per station: deadlines met on time / late (report_timeliness), signed reports.
  const reports: DistrictReportRow[] = [];
  const byOrigin = new Map<string, DistrictReportRow>();
  const row = (o: string) => {
    let r = byOrigin.get(o);
    if (!r) byOrigin.set(o, (r = { origin: o, originName: nameOf(o), total: 0, signed: 0, onTime: null, late: null, lastSignedAt: null }));
    return r;
  };
  const repSql = unionSql(db, 'reports', ['status', 'signed_at'], "CASE WHEN T.status IN ('signed', 'sent') THEN 1 ELSE 0 END AS signed, T.signed_at AS signedAt", hub.id);
  for (const r of stmt(db, `SELECT origin, count(*) AS total, sum(signed) AS signed, max(signedAt) AS last FROM (${repSql}) GROUP BY origin`).all() as {
    origin: string;
    total: number;
    signed: number;
    last: number | null;
  }[]) {
    Object.assign(row(r.origin), { total: r.total, signed: r.signed, lastSignedAt: r.last });
  }
  const tlSql = unionSql(db, 'report_timeliness', ['late'], 'T.late AS late', hub.id);
  for (const r of stmt(db, `SELECT origin, sum(late = 0) AS onTime, sum(late = 1) AS late FROM (${tlSql}) GROUP BY origin`).all() as { origin: string; onTime: number; late: number }[]) {
    Object.assign(row(r.origin), { onTime: r.onTime, late: r.late });
  }
  reports.push(...byOrigin.values());

  // Stock by tier across every warehouse (local + copies), quantities in the item's unit.
  const stock: DistrictStockRow[] = [];
  const sources: { bal: string; wh: string; item: string; origin: string | null }[] = [{ bal: 'mat_balances', wh: 'mat_warehouses', item: 'mat_items', origin: null }];
  if (hasCopies(db, 'mat_balances', ['qty']) && hasCopies(db, 'mat_warehouses', ['tier']) && hasCopies(db, 'mat_items', ['name'])) {
    sources.push({ bal: mirrorName('mat_balances'), wh: mirrorName('mat_warehouses'), item: mirrorName('mat_items'), origin: '_' });
  }
  for (const s of sources) {
    const mirror = s.origin !== null;
    const sql = `SELECT ${mirror ? 'b._origin' : '?'} AS origin, w.tier AS tier, w.name AS warehouse, i.code AS itemCode, i.name AS itemName, i.unit AS unit, sum(b.qty) AS qty
      FROM "${s.bal}" b JOIN "${s.wh}" w ON w.id = b.warehouse_id ${mirror ? 'AND w._origin = b._origin' : ''}
      JOIN "${s.item}" i ON i.id = b.item_id ${mirror ? 'AND i._origin = b._origin' : ''}
      GROUP BY 1, w.tier, w.id, i.id HAVING sum(b.qty) <> 0 ORDER BY w.tier, i.code LIMIT 2000`;
    const rows = (mirror ? stmt(db, sql).all() : stmt(db, sql).all(hub.id)) as (Omit<DistrictStockRow, 'originName'>)[];
    for (const r of rows) stock.push({ ...r, qty: Number(r.qty) / 1000, originName: nameOf(r.origin) });
  }
  const tierRank: Record<string, number> = { district: 0, township: 1, village: 2 };
  stock.sort((a, b) => (tierRank[a.tier] ?? 9) - (tierRank[b.tier] ?? 9) || a.itemCode.localeCompare(b.itemCode) || a.originName.localeCompare(b.originName));

  // In transit: dispatch orders issued here, and transfers in transit anywhere.
  const inTransit: DistrictTransitRow[] = dispatchList(db).map((d) => ({
    origin: hub.id,
    originName: hub.name,
    kind: 'dispatch',
    no: d.orderNo,
    from: d.fromName,
    to: d.toName,
    deadlineAt: d.deadlineAt,
    issuedAt: d.createdAt,
    delivered: d.delivered,
    lines: d.lines.map((l) => `${l.itemName} ${l.qty}${l.unit}`).join('、'),
  }));
  const trSql = unionSql(db, 'mat_docs', ['doc_no', 'status', 'deadline_at', 'dispatched_at'], 'T.doc_no AS no, T.warehouse_id AS fromId, T.to_warehouse_id AS toId, T.deadline_at AS deadlineAt, T.dispatched_at AS issuedAt', hub.id, "T.status = 'in_transit'");
  if (trSql) {
    const whName = (origin: string, id: string | null): string => {
      if (!id) return '';
      if (origin === hub.id) return ((stmt(db, 'SELECT name FROM mat_warehouses WHERE id = ?').get(id) as { name?: string } | undefined)?.name ?? id);
      if (tableExists(db, mirrorName('mat_warehouses'))) {
        const r = stmt(db, `SELECT name FROM "${mirrorName('mat_warehouses')}" WHERE id = ? ORDER BY _origin = ? DESC LIMIT 1`).get(id, origin) as { name?: string } | undefined;
        if (r?.name) return String(r.name);
      }
      return id.slice(0, 8);
    };
    for (const r of stmt(db, `SELECT * FROM (${trSql}) ORDER BY issuedAt DESC LIMIT 500`).all() as { no: string; fromId: string; toId: string | null; deadlineAt: number | null; issuedAt: number | null; origin: string }[]) {
      inTransit.push({ origin: r.origin, originName: nameOf(r.origin), kind: 'transfer', no: r.no, from: whName(r.origin, r.fromId), to: whName(r.origin, r.toId), deadlineAt: r.deadlineAt, issuedAt: r.issuedAt, delivered: null, lines: '' });
    }
  }

  return { hub, stations: regs.map((r) => toRegRow(db, r)), tables, incidents, reports, stock, inTransit };
}

export function dispatchList(db: DB): DispatchRow[] {
  const rows = stmt(db,
    `SELECT d.*, s.name AS to_name, s.pulled_seq AS pulled FROM sync_dispatch_orders d JOIN sync_stations s ON s.id = d.to_reg_id
     WHERE d.voided_at IS NULL ORDER BY d.created_at DESC LIMIT 500`,
  ).all() as { id: string; order_no: string; to_reg_id: string; to_name: string; from_name: string; lines: string; deadline_at: number | null; note: string; created_at: number; created_by_name: string; down_seq: number; pulled: number }[];
  return rows.map((r) => ({
    id: r.id,
    orderNo: r.order_no,
    toRegId: r.to_reg_id,
    toName: r.to_name,
    fromName: r.from_name,
    lines: JSON.parse(r.lines),
    deadlineAt: r.deadline_at,
    note: r.note,
    createdAt: r.created_at,
    createdByName: r.created_by_name,
    delivered: r.pulled >= r.down_seq,
  }));
}
