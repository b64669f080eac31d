import type { Ctx } from '../api/types';
import { fieldById, type ReportTemplate, type ValidationIssue } from '../../contract/reports';
import { translate } from '../i18n/messages';
import { invalid } from '../util/errors';
import { placeNames } from './repoPaper';
import { attachmentsOf } from '../incidents/repo';
import { photosOfChain } from './repoPhotos';
import type { ReportData } from '../../contract/reports';

/**
 * Standards §1 (natural-disaster situation reports, attachments): when an emergency response was
 * started the report carries at least 3 photos. Photos are the report's own (its chain's, not
 * voided) plus the image attachments of its incident, if any. One issue on the yes/no field, or
 * none; its message says where to add them (a standalone report has only its own photo section).
 */
export function photoIssues(ctx: Ctx, t: ReportTemplate, r: { incident_id: string | null; chain_id: string; data: string }): ValidationIssue[] {
  if (!t.photos) return [];
  const d = JSON.parse(r.data) as ReportData;
  if (d.fields[t.photos.when] !== true) return [];
  const ofIncident = r.incident_id ? attachmentsOf(ctx.db, [r.incident_id]).filter((a) => a.mime.startsWith('image/')).length : 0;
  const have = ofIncident + photosOfChain(ctx.db, r.chain_id).length;
  const key = r.incident_id ? 'reports.v.photos' : 'reports.v.photosStandalone';
  return have >= t.photos.min ? [] : [{ path: `fields.${t.photos.when}`, key, params: { min: t.photos.min, have } }];
}

/** The issue's field by its label in the reader's language ("受灾人口（东昌街道）", never "rows.220502001.affected"). */
export function issueLabel(ctx: Ctx, t: ReportTemplate, i: ValidationIssue, places: Map<string, string>): string {
  const en = ctx.locale === 'en';
  const label = (id: string) => { const f = fieldById(t, id); return f ? (en ? f.labelEn : f.label) : ''; };
  const [head, a, b] = i.path.split('.');
  if (head === 'fields' || head === 'totals') return label(a);
  if (head === 'rows') return `${label(b)}（${places.get(a) ?? ''}）`;
  if (head === 'explanation') return translate(ctx.locale, 'reports.explanationLabel');
  return '';
}

/**
 * A report is submitted and signed only when its required fields are filled and valid: refused
 * with a translated message naming every field to fix, with each issue in details for the form.
 */
export function refuseIncomplete(ctx: Ctx, t: ReportTemplate, issues: ValidationIssue[], action: 'submit' | 'sign'): void {
  if (!issues.length) return;
  const places = placeNames(ctx.db);
  const names = [...new Set(issues.map((i) => issueLabel(ctx, t, i, places)).filter(Boolean))];
  throw invalid(action === 'sign' ? 'reports.incompleteSign' : 'reports.incompleteSubmit', { fields: names.join(ctx.locale === 'en' ? ', ' : '、') }, {
    issues: issues.map((i) => ({ path: i.path.split('.'), message: translate(ctx.locale, i.key, i.params), key: i.key, params: i.params, label: issueLabel(ctx, t, i, places) })),
  });
}
