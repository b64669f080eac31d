import type { ComponentType } from 'react';
import type { MethodName } from '@contract/index';
import { SystemPanel } from './SystemPanel';
import { MaterialsAlertsPanel } from '../features/materials/BoardPanel';
import { HandoverPanel, OnDutyNowPanel } from '../features/roster/panels';
import { LeaderQueuePanel, OpenIncidentsPanel, OverdueEscalationsPanel } from '../features/incidents/BoardPanels';
import { AwaitingSignaturePanel, DueSoonPanel } from '../features/reports/BoardPanels';
import { OpenNoticesPanel } from '../features/notices/BoardPanels';
import { ZeroReportsPanel } from '../features/zeroreports/BoardPanels';
import { ActiveWarningsPanel } from '../features/warnings/BoardPanels';
import { LeaderQueuePanel as AllForLeaderPanel } from './LeaderQueue';
import { PANEL_ACCESS } from './board-access';
import { PlanReviewPanel } from '../features/resources/BoardPanel';

/**
 * Extension point of the duty board (the home screen): modules register panels here —
 * who is on duty, open incidents, reports falling due, stock alerts — without the board
 * knowing them. `span` is the number of grid columns (1–3).
 */
export interface BoardPanel {
  id: string;
  title: string;
  component: ComponentType;
  span?: 1 | 2 | 3;
  order: number;
  /** Shown only to users who may call this method (the action the panel leads to); access lives in the contract. */
  needs?: MethodName;
  /** Hidden from users who may call this method (board-access.ts: no item shown twice on one board). */
  unless?: MethodName;
  /** The kinds of item listed (board-access.ts). */
  shows?: readonly string[];
}

export const BOARD_PANELS: BoardPanel[] = [
  { id: 'roster-on-duty', title: 'roster:board.onDuty', component: OnDutyNowPanel, span: 2, order: 10 },
  { id: 'roster-handover', title: 'roster:board.handover', component: HandoverPanel, span: 1, order: 11 },
  { id: 'incidents-open', title: 'incidents:board.open', component: OpenIncidentsPanel, span: 2, order: 20 },
  { id: 'leader-queue', title: 'leader:board', component: AllForLeaderPanel, span: 1, order: 12, ...PANEL_ACCESS['leader-queue'] },
  { id: 'warnings-active', title: 'warnings:board.active', component: ActiveWarningsPanel, span: 1, order: 15, ...PANEL_ACCESS['warnings-active'] },
  { id: 'incidents-overdue', title: 'incidents:board.overdue', component: OverdueEscalationsPanel, span: 1, order: 21, ...PANEL_ACCESS['incidents-overdue'] },
  { id: 'incidents-leader-queue', title: 'incidents:board.queue', component: LeaderQueuePanel, span: 1, order: 22, ...PANEL_ACCESS['incidents-leader-queue'] },
  { id: 'reports-due', title: 'reports:board.due', component: DueSoonPanel, span: 2, order: 25 },
  { id: 'notices-open', title: 'notices:board.title', component: OpenNoticesPanel, span: 1, order: 27 },
  { id: 'zeroreports-today', title: 'zeroreports:board.title', component: ZeroReportsPanel, span: 1, order: 28 },
  { id: 'reports-sign', title: 'reports:board.sign', component: AwaitingSignaturePanel, span: 1, order: 26, ...PANEL_ACCESS['reports-sign'] },
  { id: 'materials-alerts', title: 'materials:board.alerts', component: MaterialsAlertsPanel, span: 1, order: 40 },
  { id: 'resources-plans', title: 'resources:board.plans', component: PlanReviewPanel, span: 1, order: 45 },
  { id: 'system', title: 'board.system', component: SystemPanel, span: 1, order: 90 }];
