import { stmt } from '../db/stmt';
import type { DB } from '../db/open';
import type { ReportPhoto } from '../../contract/reports';

export interface PhotoRecord {
  id: string;
  station_id: string;
  chain_id: string;
  report_id: string;
  sha256: string;
  name: string;
  mime: string;
  size: number;
  created_by: string;
  created_by_name: string;
  created_at: number;
  voided_at: number | null;
}

const toPhoto = (p: PhotoRecord): ReportPhoto => ({ id: p.id, name: p.name, mime: p.mime, size: p.size, byName: p.created_by_name, createdAt: p.created_at });

/** The chain's photos that count (voided ones left out), oldest first. */
export const photosOfChain = (db: DB, chainId: string): ReportPhoto[] =>
  (stmt(db, 'SELECT * FROM report_photos WHERE chain_id = ? AND voided_at IS NULL ORDER BY created_at, rowid').all(chainId) as PhotoRecord[]).map(toPhoto);

export const photoById = (db: DB, id: string) => stmt(db, 'SELECT * FROM report_photos WHERE id = ?').get(id) as PhotoRecord | undefined;

export function insertPhoto(db: DB, p: Omit<PhotoRecord, 'voided_at'>): void {
  stmt(db, `INSERT INTO report_photos (id, station_id, chain_id, report_id, sha256, name, mime, size, created_by, created_by_name, created_at)
    VALUES (@id, @station_id, @chain_id, @report_id, @sha256, @name, @mime, @size, @created_by, @created_by_name, @created_at)`).run(p);
}

export function voidPhoto(db: DB, id: string, by: { id: string; name: string }, reason: string, now: number): void {
  stmt(db, 'UPDATE report_photos SET voided_at = ?, voided_by = ?, voided_by_name = ?, void_reason = ? WHERE id = ? AND voided_at IS NULL').run(now, by.id, by.name, reason, id);
}
