import { stmt } from '../db/stmt';
import type { DB } from '../db/open';

/** Township and village names by code: paper prints places by name. */
export function placeNames(db: DB): Map<string, string> {
  return new Map((stmt(db, 'SELECT code, name FROM places').all() as { code: string; name: string }[]).map((p) => [p.code, p.name]));
}

export interface ArchiveRecord {
  id: string; station_id: string; report_id: string; event: 'signed' | 'sent'; format: 'docx' | 'pdf'; file_name: string;
  sha256: string; size: number; by_id: string; by_name: string; created_at: number;
}
export function insertArchive(db: DB, a: ArchiveRecord & { bytes: Buffer }): void {
  stmt(db, `INSERT INTO report_archives (id, station_id, report_id, event, format, file_name, sha256, size, bytes, by_id, by_name, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
    .run(a.id, a.station_id, a.report_id, a.event, a.format, a.file_name, a.sha256, a.size, a.bytes, a.by_id, a.by_name, a.created_at);
}
export function archivesOf(db: DB, reportId: string): ArchiveRecord[] {
  return stmt(db, `SELECT id, station_id, report_id, event, format, file_name, sha256, size, by_id, by_name, created_at
                   FROM report_archives WHERE report_id = ? ORDER BY created_at, rowid`).all(reportId) as ArchiveRecord[];
}
export function archiveBytes(db: DB, id: string): (ArchiveRecord & { bytes: Buffer }) | undefined {
  return stmt(db, 'SELECT * FROM report_archives WHERE id = ?').get(id) as (ArchiveRecord & { bytes: Buffer }) | undefined;
}
