import type { ComponentType } from 'react';
import type { MethodName } from '@contract/index';
import type { StationInfo } from '@contract/station';
import { DistrictView } from '../features/sync/DistrictView';
import { SyncPage } from '../features/sync/SyncPage';
import { DutyBoard } from './DutyBoard';
import { RosterPage } from '../features/roster/RosterPage';
import { SettingsPage } from '../features/settings/SettingsPage';
import { MaterialsPage } from '../features/materials/MaterialsPage';
import { IncidentsPage } from '../features/incidents/IncidentsPage';
import { ReportsPage } from '../features/reports/ReportsPage';
import { StatsPage } from '../features/stats/StatsPage';
import { WallPage } from '../features/wall/WallPage';
import { NoticesPage } from '../features/notices/NoticesPage';
import { ZeroReportsPage } from '../features/zeroreports/ZeroReportsPage';
import { WarningsPage } from '../features/warnings/WarningsPage';
import { LeaderQueueCount, LeaderQueuePage } from './LeaderQueue';
import { ResourcesPage } from '../features/resources/ResourcesPage';

/**
 * The navigation. Each module adds its entry here (one line) and its duty-board panels in
 * board-panels.ts. Order is the order of the nav bar.
 */
export interface Feature {
  id: string;
  /** i18n key of the nav label. */
  label: string;
  component: ComponentType;
  /** Shown only to users who may call this method (the main process checks every call regardless). */
  needs?: MethodName;
  /** Shown only when this holds for the station (e.g. the district view at a district station). */
  visible?: (station: StationInfo) => boolean;
  /** A count shown beside the label (e.g. the leader's queue). */
  badge?: ComponentType;
}

export const FEATURES: Feature[] = [
  { id: 'duty', label: 'nav.duty', component: DutyBoard },
  { id: 'roster', label: 'roster:nav', component: RosterPage },
  { id: 'leader', label: 'leader:nav', component: LeaderQueuePage, needs: 'board.leaderQueue', badge: LeaderQueueCount },
  { id: 'incidents', label: 'nav.incidents', component: IncidentsPage },
  { id: 'warnings', label: 'warnings:nav', component: WarningsPage },
  { id: 'reports', label: 'nav.reports', component: ReportsPage },
  { id: 'materials', label: 'nav.materials', component: MaterialsPage },
  { id: 'notices', label: 'notices:nav', component: NoticesPage },
  { id: 'zeroreports', label: 'zeroreports:nav', component: ZeroReportsPage },
  { id: 'resources', label: 'resources:nav', component: ResourcesPage, needs: 'resources.list' },
  { id: 'stats', label: 'stats:nav', component: StatsPage, needs: 'stats.incidents' },
  { id: 'wall', label: 'wall:nav', component: WallPage, needs: 'stats.incidents' },
  { id: 'district', label: 'sync:navDistrict', component: DistrictView, visible: (s) => s.level === 'district' },
  { id: 'sync', label: 'sync:nav', component: SyncPage, visible: (s) => s.level !== 'district' },
  { id: 'settings', label: 'nav.settings', component: SettingsPage },
];
