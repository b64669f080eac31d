import {
  gradeIfMissingDead,
  graver,
  type IncidentDetail,
  type IncidentRow,
  type IncidentsConfig,
} from '../../contract/incidents';
import { ACCIDENT_THRESHOLDS, isAccidentClass, missingRuleOf } from './taxonomy';

/**
 * Missing persons in grading (standards §2): an accident with missing persons shows the grade it
 * would have if they were confirmed dead, and once their window (30 days; road traffic and fire 7,
 * station settings because the rule's text is UNCONFIRMED) has closed it is due for re-grading,
 * until the grade is raised or the missing are accounted for. Pure: the caller passes the clock.
 */
export function missingGradeOf(row: IncidentRow, config: IncidentsConfig, now: number): IncidentDetail['missingGrade'] {
  if (!isAccidentClass(row.classCode) || row.mergedInto) return null;
  const g = gradeIfMissingDead(ACCIDENT_THRESHOLDS, missingRuleOf(config), row);
  if (!g || !graver(g.grade, row.grade)) return null;
  return { ...g, regradeDue: now >= g.windowEndsAt };
}
