import type pg from 'pg';
import type { DB } from '../../db/open';
import type { DispatchRow, DistrictIncident, DistrictOverview, DistrictReportRow, DistrictStockRow, DistrictTransitRow, StationRegRow } from '../../../contract/sync';
import { districtOverview } from '../district';
import { TRAVELLING } from '../travelling';

/**
 * The district's consolidated view with the copies in PostgreSQL: the district's own rows come
 * from its SQLite file (districtOverview over it finds no copy tables there), the stations' rows
 * from the jsonb store, read with `row->>'column'` — the same columns the SQLite view reads.
 */
export async function pgOverview(pool: pg.Pool, hub: { id: string; name: string }, local: DB, stations: StationRegRow[], dispatch: DispatchRow[]): Promise<DistrictOverview> {
  const own = districtOverview(local, hub);
  const names = new Map<string, string>([[hub.id, hub.name]]);
  for (const r of stations) if (r.stationId) names.set(r.stationId, r.name);
  const nameOf = (o: string) => names.get(o) ?? o;
  const q = async <T extends pg.QueryResultRow>(sql: string, params: unknown[] = []) => (await pool.query<T>(sql, params)).rows;

  const counts = new Map((await q<{ tbl: string; n: number }>('SELECT tbl, count(*)::bigint AS n FROM hub_copies GROUP BY tbl')).map((r) => [r.tbl, r.n]));
  const tables = TRAVELLING.map((d) => ({ table: d.table, area: d.area, present: true, copies: (own.tables.find((t) => t.table === d.table)?.copies ?? 0) + (counts.get(d.table) ?? 0) }));

  const num = (v: unknown) => (v === null || v === undefined || v === '' ? null : Number(v));
  const incidents: DistrictIncident[] = [
    ...own.incidents.filter((i) => i.origin === hub.id),
    ...(
      await q<Record<string, string | null>>(
        `SELECT origin, row->>'id' AS id, row->>'received_at' AS received_at, row->>'summary' AS summary, row->>'grade' AS grade, row->>'status' AS status,
                row->>'township_code' AS township_code, row->>'dead' AS dead, row->>'injured' AS injured, row->>'missing' AS missing
         FROM hub_copies WHERE tbl = 'incidents' AND row->>'merged_into' IS NULL ORDER BY (row->>'received_at')::bigint DESC NULLS LAST LIMIT 500`,
      )
    ).map((r) => ({
      origin: r.origin!,
      originName: nameOf(r.origin!),
      id: r.id!,
      receivedAt: num(r.received_at),
      summary: r.summary ?? '',
      grade: r.grade,
      status: r.status,
      townshipCode: r.township_code,
      dead: num(r.dead) ?? 0,
      injured: num(r.injured) ?? 0,
      missing: num(r.missing) ?? 0,
    })),
  ]
    .sort((a, b) => (b.receivedAt ?? 0) - (a.receivedAt ?? 0))
    .slice(0, 500);

  const reports: DistrictReportRow[] = own.reports.filter((r) => r.origin === hub.id);
  const byOrigin = new Map<string, DistrictReportRow>();
  const row = (o: string) => {
    let r = byOrigin.get(o);
    if (!r) byOrigin.set(o, (r = { origin: o, originName: nameOf(o), total: 0, signed: 0, onTime: null, late: null, lastSignedAt: null }));
    return r;
  };
  for (const r of await q<{ origin: string; total: number; signed: number; last: number | null }>(
    `SELECT origin, count(*)::bigint AS total, sum(CASE WHEN row->>'status' IN ('signed', 'sent') THEN 1 ELSE 0 END)::bigint AS signed, max((row->>'signed_at')::bigint) AS last
     FROM hub_copies WHERE tbl = 'reports' GROUP BY origin`,
  ))
    Object.assign(row(r.origin), { total: r.total, signed: r.signed, lastSignedAt: r.last });
  for (const r of await q<{ origin: string; on_time: number; late: number }>(
    `SELECT origin, sum(CASE WHEN (row->>'late')::int = 0 THEN 1 ELSE 0 END)::bigint AS on_time, sum(CASE WHEN (row->>'late')::int = 1 THEN 1 ELSE 0 END)::bigint AS late
     FROM hub_copies WHERE tbl = 'report_timeliness' GROUP BY origin`,
  ))
    Object.assign(row(r.origin), { onTime: r.on_time, late: r.late });
  reports.push(...byOrigin.values());

  const stock: DistrictStockRow[] = [
    ...own.stock.filter((s) => s.origin === hub.id),
    ...(
      await q<{ origin: string; tier: string; warehouse: string; item_code: string; item_name: string; unit: string; qty: string }>(
        `SELECT b.origin, w.row->>'tier' AS tier, w.row->>'name' AS warehouse, i.row->>'code' AS item_code, i.row->>'name' AS item_name, i.row->>'unit' AS unit,
                sum((b.row->>'qty')::numeric) AS qty
         FROM hub_copies b
         JOIN hub_copies w ON w.origin = b.origin AND w.tbl = 'mat_warehouses' AND w.row->>'id' = b.row->>'warehouse_id'
         JOIN hub_copies i ON i.origin = b.origin AND i.tbl = 'mat_items' AND i.row->>'id' = b.row->>'item_id'
         WHERE b.tbl = 'mat_balances'
         GROUP BY b.origin, w.row->>'tier', w.row->>'name', w.key, i.key, i.row->>'code', i.row->>'name', i.row->>'unit'
         HAVING sum((b.row->>'qty')::numeric) <> 0 LIMIT 2000`,
      )
    ).map((r) => ({ origin: r.origin, originName: nameOf(r.origin), tier: r.tier, warehouse: r.warehouse, itemCode: r.item_code, itemName: r.item_name, unit: r.unit, qty: Number(r.qty) / 1000 })),
  ];
  const tierRank: Record<string, number> = { district: 0, township: 1, village: 2 };
  stock.sort((a, b) => (tierRank[a.tier] ?? 9) - (tierRank[b.tier] ?? 9) || a.itemCode.localeCompare(b.itemCode) || a.originName.localeCompare(b.originName));

  const inTransit: DistrictTransitRow[] = dispatch.map((d) => ({
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
  inTransit.push(...own.inTransit.filter((r) => r.kind === 'transfer' && r.origin === hub.id));
  for (const r of await q<{ origin: string; no: string; from_name: string | null; to_name: string | null; from_id: string | null; to_id: string | null; deadline_at: string | null; issued_at: string | null }>(
    `SELECT d.origin, d.row->>'doc_no' AS no, d.row->>'warehouse_id' AS from_id, d.row->>'to_warehouse_id' AS to_id,
            d.row->>'deadline_at' AS deadline_at, d.row->>'dispatched_at' AS issued_at,
            (SELECT w.row->>'name' FROM hub_copies w WHERE w.tbl = 'mat_warehouses' AND w.row->>'id' = d.row->>'warehouse_id' ORDER BY w.origin = d.origin DESC LIMIT 1) AS from_name,
            (SELECT w.row->>'name' FROM hub_copies w WHERE w.tbl = 'mat_warehouses' AND w.row->>'id' = d.row->>'to_warehouse_id' ORDER BY w.origin = d.origin DESC LIMIT 1) AS to_name
     FROM hub_copies d WHERE d.tbl = 'mat_docs' AND d.row->>'status' = 'in_transit' ORDER BY (d.row->>'dispatched_at')::bigint DESC NULLS LAST LIMIT 500`,
  )) {
    inTransit.push({
      origin: r.origin,
      originName: nameOf(r.origin),
      kind: 'transfer',
      no: r.no,
      from: r.from_name ?? r.from_id?.slice(0, 8) ?? '',
      to: r.to_name ?? r.to_id?.slice(0, 8) ?? '',
      deadlineAt: num(r.deadline_at),
      issuedAt: num(r.issued_at),
      delivered: null,
      lines: '',
    });
  }
  return { hub, stations, tables, incidents, reports, stock, inTransit };
}
