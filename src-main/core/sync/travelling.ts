/**
 * Which records travel, declared in one place. Nothing here imports another domain: the
 * capture triggers are derived from this list + PRAGMA table_info when the app opens, and a
 * table that does not exist (yet) is simply skipped — the list may name tables ahead of time.
 *
 * Order = dependency order: parents before children. The hub applies records in this order.
 */
export interface TravellingTable {
  table: string;
  /** Key columns (a UUID `id` for most; composite for keyed-by-parts rows such as balances). */
  key: readonly string[];
  /**
   * Who owns the row. `column`: a station id column on the row itself. `via`: the row belongs to
   * the owner of its parent (e.g. a balance belongs to the station whose warehouse holds it).
   */
  owner: { column: string } | { via: { column: string; table: string; parentKey: string; parentOwner: string } };
  /** SQL condition on the row, written against `NEW` (e.g. "NEW.status = 'posted'"): drafts stay home. */
  when?: string;
  /** Columns the condition reads: the table is skipped (not half-captured) when one is missing. */
  needs?: readonly string[];
  /**
   * Rows of another table to send along when this row (re)qualifies — e.g. a roster month's
   * assignments when the month is published. `match` is written against `NEW` (this row) and `C`.
   */
  cascade?: readonly { table: string; match: string; needs?: readonly string[] }[];
  /** Area label for the district view. */
  area: 'roster' | 'incidents' | 'reports' | 'materials' | 'notices' | 'zeroreports' | 'resources';
}

export const TRAVELLING: readonly TravellingTable[] = [
  // Roster: published months with their assignments, acknowledged handovers.
  {
    table: 'roster_months',
    key: ['id'],
    owner: { column: 'station_id' },
    when: "NEW.status = 'published'",
    needs: ['status'],
    cascade: [{ table: 'roster_assignments', match: 'C.station_id = NEW.station_id AND substr(C.date, 1, 7) = NEW.month', needs: ['date'] }],
    area: 'roster',
  },
  {
    table: 'roster_assignments',
    key: ['id'],
    owner: { column: 'station_id' },
    when: "EXISTS (SELECT 1 FROM roster_months m WHERE m.station_id = NEW.station_id AND m.month = substr(NEW.date, 1, 7) AND m.status = 'published')",
    needs: ['date'],
    area: 'roster',
  },
  { table: 'roster_handovers', key: ['id'], owner: { column: 'station_id' }, when: "NEW.status <> 'draft'", needs: ['status'], area: 'roster' },

  // Incidents and their timelines (incidents have no drafts: every logged call travels).
  { table: 'incidents', key: ['id'], owner: { column: 'station_id' }, area: 'incidents' },
  { table: 'incident_entries', key: ['id'], owner: { column: 'station_id' }, area: 'incidents' },

  // Signed reports (a "sent" report is one the hub acknowledged: see isAcknowledged()).
  { table: 'report_chains', key: ['id'], owner: { column: 'station_id' }, area: 'reports' },
  { table: 'reports', key: ['id'], owner: { column: 'station_id' }, when: "NEW.status IN ('signed', 'sent')", needs: ['status'], area: 'reports' },
  { table: 'report_timeliness', key: ['id'], owner: { column: 'station_id' }, area: 'reports' },
  { table: 'report_sends', key: ['id'], owner: { column: 'station_id' }, area: 'reports' },

  // Materials: reference rows the ledger needs, posted documents, their lines, balances.
  { table: 'mat_warehouses', key: ['id'], owner: { column: 'station_id' }, area: 'materials' },
  { table: 'mat_items', key: ['id'], owner: { column: 'station_id' }, area: 'materials' },
  { table: 'mat_batches', key: ['id'], owner: { column: 'station_id' }, area: 'materials' },
  {
    table: 'mat_docs',
    key: ['id'],
    owner: { column: 'station_id' },
    when: "NEW.status IN ('posted', 'in_transit', 'received')",
    needs: ['status'],
    area: 'materials',
  },
  {
    table: 'mat_lines',
    key: ['seq'],
    owner: { via: { column: 'warehouse_id', table: 'mat_warehouses', parentKey: 'id', parentOwner: 'station_id' } },
    area: 'materials',
  },
  {
    table: 'mat_balances',
    key: ['warehouse_id', 'item_id', 'batch_id'],
    owner: { via: { column: 'warehouse_id', table: 'mat_warehouses', parentKey: 'id', parentOwner: 'station_id' } },
    area: 'materials',
  },

  // Receipts of the district's notices (core/notices) and daily zero reports (core/zeroreports).
  // A zero report the district took by phone stays there (the district has no parent).
  { table: 'notice_receipts', key: ['id'], owner: { column: 'station_id' }, area: 'notices' },
  { table: 'zr_reports', key: ['id'], owner: { column: 'station_id' }, area: 'zeroreports' },

  // Resources directory and plan register (voided rows travel too: the district sees the void).
  { table: 'res_teams', key: ['id'], owner: { column: 'station_id' }, area: 'resources' },
  { table: 'res_experts', key: ['id'], owner: { column: 'station_id' }, area: 'resources' },
  { table: 'res_shelters', key: ['id'], owner: { column: 'station_id' }, area: 'resources' },
  { table: 'res_hazards', key: ['id'], owner: { column: 'station_id' }, area: 'resources' },
  { table: 'res_plans', key: ['id'], owner: { column: 'station_id' }, area: 'resources' },
];

/**
 * Master data the district owns and sends down to every station (catalogue, taxonomies, deadline
 * rules, form templates). Captured only at a district station, rows owned by it.
 */
export interface DownTable {
  table: string;
  key: string;
  owner: string;
  kind: string;
}

export const DOWN_TABLES: readonly DownTable[] = [
  { table: 'mat_items', key: 'id', owner: 'station_id', kind: 'catalogue' },
  // The district's imported holiday notices (roster/calendar.ts reads them as the layer after the station's own).
  { table: 'roster_calendar_years', key: 'id', owner: 'station_id', kind: 'holiday_calendar' },
  // Notices to townships (core/notices reads kind 'notice' and keeps those addressed to it).
  { table: 'notices', key: 'id', owner: 'station_id', kind: 'notice' },
  // Zero-report periods and per-township deadlines (core/zeroreports).
  { table: 'zr_periods', key: 'id', owner: 'station_id', kind: 'zero_report_period' },
  { table: 'zr_rules', key: 'id', owner: 'station_id', kind: 'zero_report_rule' },
];

export const SYNC_PROTOCOL = 1;
