import { createHash } from 'node:crypto';
import type { Ctx } from '../../api/types';
import type { ReportDetail, ReportTemplate } from '../../../contract/reports';
import { zoneOf } from '../../../contract/time';
import { attachmentsOf, rowById as incidentRowById } from '../../incidents/repo';
import { newId } from '../../util/ids';
import { getConfig } from '../repo';
import { archivesOf, insertArchive, placeNames } from '../repoPaper';
import { DOCX_MIME, exportDocx, fileBase } from '../export';
import type { PaperContext } from './compose';

const divisions = import.meta.glob('../../../../resources/divisions/*.json', { eager: true, import: 'default' }) as Record<string, { code: string; name: string }>;
/** The county a station serves (its code's first six digits), by name. */
export function countyName(stationCode: string | undefined): string | null {
  if (!stationCode) return null;
  return Object.values(divisions).find((d) => d.code === stationCode.slice(0, 6))?.name ?? null;
}

/** Everything the paper of a report needs beyond the report itself. */
export function paperContext(ctx: Ctx, d: ReportDetail, copyNo: string | null = null): PaperContext {
  const cfg = getConfig(ctx.db);
  return {
    photos: d.incidentId ? attachmentsOf(ctx.db, [d.incidentId]).filter((a) => a.mime.startsWith('image/')).length : 0,
    copyTo: cfg.copyTo ?? null,
    printedBy: cfg.printedBy ?? null,
    copyNo,
    tz: zoneOf(ctx.station),
    places: placeNames(ctx.db),
    county: countyName(ctx.station?.code),
    incident: d.incidentId ? incidentRowById(ctx.db, d.incidentId) ?? null : null,
    previous: d.previous ? { stageLabel: d.previous.stageLabel, data: d.previous.data } : null,
    contactPhone: cfg.contactPhone ?? null,
    now: ctx.clock.now(),
  };
}

export const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

export interface ArchivedCopy { id: string; event: 'signed' | 'sent'; fileName: string; mime: string; sha256: string; size: number }

/**
 * Stores the exact document of a report as it stands now (signed, or just sent), inside the
 * caller's transaction; the caller records the returned SHA-256 in its audit row.
 */
export function archiveReport(ctx: Ctx, t: ReportTemplate, d: ReportDetail, event: 'signed' | 'sent'): ArchivedCopy {
  const me = ctx.requireUser();
  // 份号 (standards §7), when the station numbers its copies: the copy's place among the report's archived copies.
  const copyNo = getConfig(ctx.db).numberCopies ? String(archivesOf(ctx.db, d.id).length + 1).padStart(6, '0') : null;
  const bytes = exportDocx(t, d, paperContext(ctx, d, copyNo));
  const id = newId();
  const fileName = `${fileBase(d)}.docx`;
  const hash = sha256(bytes);
  insertArchive(ctx.db, {
    id, station_id: ctx.requireStation().id, report_id: d.id, event, format: 'docx', file_name: fileName, sha256: hash, size: bytes.length, bytes,
    by_id: me.id, by_name: me.displayName, created_at: ctx.clock.now(),
  });
  return { id, event, fileName, mime: DOCX_MIME, sha256: hash, size: bytes.length };
}
