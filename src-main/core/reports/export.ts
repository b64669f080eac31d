import type { ReportDetail, ReportTemplate } from '../../contract/reports';
import { composeReport, type PaperContext } from './paper/compose';
import { officialDocx } from './paper/gbt9704';
import { quickReportWorkbook } from './paper/workbook';

export type ExportOptions = PaperContext;

/** The report on paper: GB/T 9704-2012 layout (standards §7), one engine for every report type. */
export function exportDocx(t: ReportTemplate, d: ReportDetail, o: ExportOptions): Buffer {
  return officialDocx(composeReport(t, d, o));
}

/** The 快报表 workbook (official row/column layout, prints on A4). */
export function exportXlsx(t: ReportTemplate, d: ReportDetail, o: ExportOptions): Promise<Buffer> {
  return quickReportWorkbook(t, d, o);
}

export const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** A file name from the report's composed title (no path characters). */
export const fileBase = (d: Pick<ReportDetail, 'title' | 'stageLabel'>) => `${d.title.replace(/[\\/:*?"<>|\s]+/g, '_').slice(0, 40)}_${d.stageLabel}`;
