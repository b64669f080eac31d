import { stmt } from '../db/stmt';
import type { DB } from '../db/open';
import type { PlanYear, PlanYearFiguresInput, StatsBucket, TimelinessBucket } from '../../contract/stats';
import { updateVersioned } from '../db/versioned';

/* Every figure is one SQL aggregate over an index: no rows are loaded into JavaScript. */

export interface Range {
  from: number;
  /** Exclusive. */
  to: number;
  township?: string;
}

const BUCKET = `count(*) AS count, coalesce(sum(dead), 0) AS dead, coalesce(sum(injured), 0) AS injured,
  coalesce(sum(missing), 0) AS missing, coalesce(sum(direct_loss), 0) AS loss`;

function where(r: Range): { sql: string; params: unknown[] } {
  const params: unknown[] = [r.from, r.to];
  let sql = 'merged_into IS NULL AND received_at >= ? AND received_at < ?';
  if (r.township) {
    sql += ' AND township_code = ?';
    params.push(r.township);
  }
  return { sql, params };
}

export function incidentTotals(db: DB, r: Range): StatsBucket {
  const w = where(r);
  return { key: '', ...(stmt(db, `SELECT ${BUCKET} FROM incidents WHERE ${w.sql}`).get(...w.params) as Omit<StatsBucket, 'key'>) };
}

const GROUPS = { class: 'class_code', type: 'type_code', grade: "coalesce(grade, '')", township: "coalesce(township_code, '')" } as const;

export function incidentsBy(db: DB, r: Range, by: keyof typeof GROUPS): StatsBucket[] {
  const w = where(r);
  return stmt(db, `SELECT ${GROUPS[by]} AS key, ${BUCKET} FROM incidents WHERE ${w.sql} GROUP BY 1 ORDER BY count DESC, key`).all(...w.params) as StatsBucket[];
}

/** Counts per local month: `offsetMs` shifts UTC to the station's wall clock (constant within a zone without DST). */
export function incidentsByMonth(db: DB, r: Range, offsetMs: number): { month: string; count: number }[] {
  const w = where(r);
  return stmt(db, `SELECT strftime('%Y-%m', (received_at + ?) / 1000, 'unixepoch') AS month, count(*) AS count FROM incidents WHERE ${w.sql} GROUP BY 1 ORDER BY 1`).all(
    offsetMs,
    ...w.params,
  ) as { month: string; count: number }[];
}

/** Reporting obligations that fell due in the range, grouped. */
export function timeliness(db: DB, r: Range, now: number, by: 'all' | 'month' | 'township', offsetMs: number): TimelinessBucket[] {
  const key = by === 'month' ? "strftime('%Y-%m', (t.due_at + ?) / 1000, 'unixepoch')" : by === 'township' ? "coalesce(i.township_code, '')" : "''";
  const params: unknown[] = by === 'month' ? [offsetMs] : [];
  params.push(now, now, r.from, r.to);
  let filter = '';
  if (r.township) {
    filter = ' AND i.township_code = ?';
    params.push(r.township);
  }
  return stmt(
    db,
    `SELECT ${key} AS key, count(*) AS due,
       coalesce(sum(t.met_at IS NOT NULL AND t.late = 0), 0) AS onTime,
       coalesce(sum(t.met_at IS NOT NULL AND t.late = 1), 0) AS late,
       coalesce(sum(t.met_at IS NULL AND t.due_at < ?), 0) AS missed
     FROM report_timeliness t
     JOIN report_chains c ON c.id = t.chain_id
     LEFT JOIN incidents i ON i.id = c.incident_id
     WHERE t.due_at < ? AND t.due_at >= ? AND t.due_at < ?${filter}
     GROUP BY 1 ORDER BY 1`,
  ).all(...params) as TimelinessBucket[];
}

/* ---------- the plan's numerators, per year ---------- */

export interface YearCounts {
  /** 生产安全事故死亡(含失踪): accident classes 21 工矿商贸, 22 交通运输, 23 公共设施和设备. */
  productionDeaths: number;
  /** Of which 工矿商贸 (type 21). */
  industryDeaths: number;
  /** Of which road transport (type 22, sector 道路运输): the operating-vehicle indicator. */
  vehicleDeaths: number;
  /** Natural disasters: dead + missing, from incidents and standalone disaster reports. */
  disasterDeaths: number;
  /** Natural disasters: direct loss in yuan. */
  disasterLoss: number;
  /** 受灾人次 from the latest signed or sent disaster report of each chain. */
  affected: number;
  /** Whether the station holds any record of that year (otherwise entered figures are needed). */
  hasRecords: boolean;
}

export function yearCounts(db: DB, from: number, to: number): YearCounts {
  const inc = stmt(
    db,
    `SELECT
       coalesce(sum(CASE WHEN class_code = '2' AND type_code IN ('21', '22', '23') THEN dead + missing END), 0) AS productionDeaths,
       coalesce(sum(CASE WHEN class_code = '2' AND type_code = '21' THEN dead + missing END), 0) AS industryDeaths,
       coalesce(sum(CASE WHEN class_code = '2' AND type_code = '22' AND industry = 'road' THEN dead + missing END), 0) AS vehicleDeaths,
       coalesce(sum(CASE WHEN class_code = '1' THEN dead + missing END), 0) AS disasterDeaths,
       coalesce(sum(CASE WHEN class_code = '1' THEN direct_loss END), 0) AS disasterLoss,
       count(*) AS n
     FROM incidents WHERE merged_into IS NULL AND received_at >= ? AND received_at < ?`,
  ).get(from, to) as Omit<YearCounts, 'affected' | 'hasRecords'> & { n: number };
  // Disaster statistics reports: the chain's latest signed/sent figures, summed over its township rows.
  // Standalone chains carry deaths and losses of their own; incident chains' are already counted above.
  const rep = stmt(
    db,
    `SELECT
       coalesce(sum(json_extract(j.value, '$.affected')), 0) AS affected,
       coalesce(sum(CASE WHEN c.incident_id IS NULL THEN coalesce(json_extract(j.value, '$.dead'), 0) + coalesce(json_extract(j.value, '$.missing'), 0) END), 0) AS deaths,
       coalesce(sum(CASE WHEN c.incident_id IS NULL THEN json_extract(j.value, '$.lossTotal') END), 0) AS loss10k
     FROM report_chains c
     JOIN reports r ON r.n = (SELECT max(x.n) FROM reports x WHERE x.chain_id = c.id AND x.template_id = 'disaster-quick' AND x.status IN ('signed', 'sent'))
     JOIN json_each(r.data, '$.rows') j
     WHERE c.received_at >= ? AND c.received_at < ?`,
  ).get(from, to) as { affected: number; deaths: number; loss10k: number };
  return {
    productionDeaths: inc.productionDeaths,
    industryDeaths: inc.industryDeaths,
    vehicleDeaths: inc.vehicleDeaths,
    disasterDeaths: inc.disasterDeaths + rep.deaths,
    disasterLoss: inc.disasterLoss + Math.round(rep.loss10k * 10_000),
    affected: rep.affected,
    hasRecords: inc.n > 0 || rep.affected > 0,
  };
}

/* ---------- entered figures ---------- */

interface FigRow {
  year: number;
  gdp: number | null;
  industry_employees: number | null;
  operating_vehicles: number | null;
  population: number | null;
  production_deaths: number | null;
  industry_deaths: number | null;
  vehicle_deaths: number | null;
  source: string | null;
  version: number;
  updated_at: number;
  updated_by_name: string;
}

const toYear = (r: FigRow): PlanYear => ({
  year: r.year,
  gdp: r.gdp,
  industryEmployees: r.industry_employees,
  operatingVehicles: r.operating_vehicles,
  population: r.population,
  productionDeaths: r.production_deaths,
  industryDeaths: r.industry_deaths,
  vehicleDeaths: r.vehicle_deaths,
  source: r.source,
  version: r.version,
  updatedAt: r.updated_at,
  updatedByName: r.updated_by_name,
});

export function planFigures(db: DB): PlanYear[] {
  return (stmt(db, 'SELECT * FROM plan_figures ORDER BY year').all() as FigRow[]).map(toYear);
}

export function planFigure(db: DB, year: number): PlanYear | null {
  const r = stmt(db, 'SELECT * FROM plan_figures WHERE year = ?').get(year) as FigRow | undefined;
  return r ? toYear(r) : null;
}

const columns = (f: PlanYearFiguresInput) => ({
  gdp: f.gdp,
  industry_employees: f.industryEmployees,
  operating_vehicles: f.operatingVehicles,
  population: f.population,
  production_deaths: f.productionDeaths,
  industry_deaths: f.industryDeaths,
  vehicle_deaths: f.vehicleDeaths,
  source: f.source ?? null,
});

export function insertPlanFigure(db: DB, stationId: string, f: PlanYearFiguresInput, now: number, by: { id: string; name: string }): void {
  const c = columns(f);
  stmt(
    db,
    `INSERT INTO plan_figures (id, year, station_id, gdp, industry_employees, operating_vehicles, population, production_deaths, industry_deaths, vehicle_deaths, source, updated_at, updated_by, updated_by_name)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(String(f.year), f.year, stationId, c.gdp, c.industry_employees, c.operating_vehicles, c.population, c.production_deaths, c.industry_deaths, c.vehicle_deaths, c.source, now, by.id, by.name);
}

/** Throws CONFLICT when `version` is stale. */
export function updatePlanFigure(db: DB, f: PlanYearFiguresInput, version: number, now: number, by: { id: string; name: string }): void {
  updateVersioned(db, 'plan_figures', String(f.year), version, { ...columns(f), updated_by: by.id, updated_by_name: by.name }, now);
}
