import classesFile from '../../../resources/taxonomy/event-classes.json';
import accidentFile from '../../../resources/taxonomy/accident-types.json';
import industryFile from '../../../resources/taxonomy/industries.json';
import severityFile from '../../../resources/taxonomy/severity.json';
import type { Grade, IncidentsConfig, MissingAsDeadRule, NearMissCriteria, SeverityThreshold, Taxonomy, TaxonomyItem } from '../../contract/incidents';

/** The official taxonomies and Decree 493 thresholds ship as data in resources/taxonomy (standards §2, §4). */
export const CLASSES = (classesFile.classes as (TaxonomyItem & { accident?: boolean; types: (TaxonomyItem & { words?: string[] })[] })[]).map((c) => ({
  code: c.code,
  name: c.name,
  en: c.en,
  accident: c.accident === true,
  types: c.types,
}));
export const ACCIDENT_TYPES: TaxonomyItem[] = accidentFile.types;
export const INDUSTRIES: TaxonomyItem[] = industryFile.sectors;
export const GRADE_ITEMS: TaxonomyItem[] = severityFile.grades;
export const ACCIDENT_THRESHOLDS = severityFile.accident as SeverityThreshold[];
/** National default of the missing-as-dead rule (standards §2, UNCONFIRMED). */
export const MISSING_AS_DEAD: MissingAsDeadRule = severityFile.missingAsDead;
/** 较大涉险事故 criteria (standards §1, Decree 21). */
export const NEAR_MISS: NearMissCriteria = severityFile.majorNearMiss;

/** The rule with the station's days (incidents config) applied. */
export function missingRuleOf(config: Pick<IncidentsConfig, 'missingWindowDays' | 'missingShortWindowDays'>): MissingAsDeadRule {
  return { ...MISSING_AS_DEAD, windowDays: config.missingWindowDays, shortWindowDays: config.missingShortWindowDays };
}

const classByCode = new Map(CLASSES.map((c) => [c.code, c]));
const typeToClass = new Map(CLASSES.flatMap((c) => c.types.map((t) => [t.code, c.code] as const)));
const accidentCodes = new Set(ACCIDENT_TYPES.map((t) => t.code));
const industryCodes = new Set(INDUSTRIES.map((t) => t.code));

export const isAccidentClass = (classCode: string) => classByCode.get(classCode)?.accident === true;

/** The first taxonomy problem of a record, as [field, code], or null when all codes are known. */
export function taxonomyProblem(f: { classCode: string; typeCode: string; accidentType?: string | null; industry?: string | null }): [string, string] | null {
  if (!classByCode.has(f.classCode)) return ['classCode', f.classCode];
  if (typeToClass.get(f.typeCode) !== f.classCode) return ['typeCode', f.typeCode];
  if (f.accidentType != null && (!isAccidentClass(f.classCode) || !accidentCodes.has(f.accidentType))) return ['accidentType', f.accidentType];
  if (f.industry != null && (!isAccidentClass(f.classCode) || !industryCodes.has(f.industry))) return ['industry', f.industry];
  return null;
}

export const GRADE_RANK: Record<Grade, number> = { I: 1, II: 2, III: 3, IV: 4 };

export function taxonomyOf(config: Taxonomy['config']): Taxonomy {
  return { classes: CLASSES, accidentTypes: ACCIDENT_TYPES, industries: INDUSTRIES, grades: GRADE_ITEMS, accidentThresholds: ACCIDENT_THRESHOLDS, missingRule: missingRuleOf(config), nearMiss: NEAR_MISS, config };
}

export function typeName(code: string): string {
  for (const c of CLASSES) for (const t of c.types) if (t.code === code) return t.name;
  return code;
}
export function className(code: string): string {
  return classByCode.get(code)?.name ?? code;
}
