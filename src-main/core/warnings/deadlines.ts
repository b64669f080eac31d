import type { WarningRule } from '../../contract/warnings';

const MINUTE = 60_000;

/**
 * The deadlines a warning carries from its receipt (standards §1, duty-room escalation practice:
 * the leader on duty is phoned within 10 min, the warning forwarded within 30 min). The rules are
 * data — national defaults with the station's overrides — and a rule switched off sets no deadline.
 */
export function deadlinesAt(rules: readonly WarningRule[], receivedAt: number): { leaderDueAt: number | null; forwardDueAt: number | null } {
  const due = (id: WarningRule['id']) => {
    const r = rules.find((x) => x.id === id);
    return r && r.enabled ? receivedAt + r.minutes * MINUTE : null;
  };
  return { leaderDueAt: due('leader'), forwardDueAt: due('forward') };
}

/** Met after its deadline: the person recording it must say why (迟报 reasons, as reports keep them). */
export const isLate = (dueAt: number | null, metAt: number): boolean => dueAt !== null && metAt > dueAt;

