import type { MethodName } from '@contract/index';

/**
 * Who sees which duty-board panel, and which items each lists — plain data (no components), so a
 * unit test can check that no item is shown twice on anyone's board. The leader's queue lists
 * every escalation and every report to sign for a leader, so the operators' panels that list the
 * same items stand aside for those who may read it (`unless`).
 */
export interface PanelAccess {
  /** Shown only to users who may call this method (the action the panel leads to). */
  needs?: MethodName;
  /** Hidden from users who may call this method (another panel lists these items for them). */
  unless?: MethodName;
  /** The kinds of item listed, e.g. 'escalation.pending'. */
  shows: readonly string[];
}

export const PANEL_ACCESS = {
  'leader-queue': { needs: 'board.leaderQueue', shows: ['escalation.pending', 'escalation.overdue', 'report.toSign', 'materials.toApprove', 'warning.toDecide'] },
  'incidents-overdue': { unless: 'board.leaderQueue', shows: ['escalation.overdue'] },
  'incidents-leader-queue': { needs: 'incidents.ack', unless: 'board.leaderQueue', shows: ['escalation.pending'] },
  'reports-sign': { needs: 'reports.sign', unless: 'board.leaderQueue', shows: ['report.toSign'] },
  'warnings-active': { shows: ['warning.active'] },
} as const satisfies Record<string, PanelAccess>;

/** The panels a user sees, by the same rule as the board. */
export function visiblePanels<P extends { needs?: MethodName; unless?: MethodName }>(panels: readonly P[], may: (m: MethodName) => boolean): P[] {
  return panels.filter((p) => (!p.needs || may(p.needs)) && (!p.unless || !may(p.unless)));
}

/** Item kinds listed by more than one of these panels (should be none). */
export function repeatedItems(panels: readonly { shows?: readonly string[] }[]): string[] {
  const seen = new Map<string, number>();
  for (const p of panels) for (const k of p.shows ?? []) seen.set(k, (seen.get(k) ?? 0) + 1);
  return [...seen].filter(([, n]) => n > 1).map(([k]) => k);
}
