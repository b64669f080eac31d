import { describe, expect, it } from 'vitest';
import { PANEL_ACCESS, repeatedItems, visiblePanels, type PanelAccess } from '../../../src-renderer/src/app/board-access';
import { ROLES, can, type Role } from '../../../src-main/contract';
import { MODULES } from '../../../src-main/core/modules';

/** Every set of roles a user may hold (2^5). */
const roleSets: Role[][] = Array.from({ length: 1 << ROLES.length }, (_, m) => ROLES.filter((_, i) => m & (1 << i)));
const panels: (PanelAccess & { id: string })[] = Object.entries(PANEL_ACCESS).map(([id, p]) => ({ id, ...p }));

describe('duty board: no item twice (issue 14: 待领导关注 and 超时未告知领导 repeated each other)', () => {
  it('for every combination of roles, no kind of item is listed by two visible panels', () => {
    for (const roles of roleSets) {
      const shown = visiblePanels(panels, (m) => can({ roles }, m));
      expect(repeatedItems(shown), `roles ${roles.join('+') || '(none)'}: ${shown.map((p) => p.id).join(', ')}`).toEqual([]);
    }
  });

  it('the check bites: without the leader-queue rule a leader would see escalations and reports to sign twice', () => {
    const loose = panels.map(({ unless: _u, ...p }) => p);
    expect(repeatedItems(visiblePanels(loose, (m) => can({ roles: ['leader'] }, m))).sort()).toEqual(['escalation.overdue', 'escalation.pending', 'report.toSign']);
  });

  it('a leader sees the one queue; an operator keeps the escalation panels', () => {
    const ids = (roles: Role[]) => visiblePanels(panels, (m) => can({ roles }, m)).map((p) => p.id);
    expect(ids(['leader'])).toEqual(['leader-queue', 'warnings-active']);
    expect(ids(['operator'])).toEqual(['incidents-overdue', 'incidents-leader-queue', 'warnings-active']);
  });

  it('the leader queue is fed by every domain that has something for the leader (no domain imports another)', () => {
    expect(MODULES.filter((m) => 'leaderQueue' in m).map((m) => m.name).sort()).toEqual(['incidents', 'materials', 'reports', 'warnings']);
  });
});
