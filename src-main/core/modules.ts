import { systemModule } from './system';
import { authModule } from './auth';
import { usersModule } from './users';
import { stationModule } from './station';
import { auditModule } from './audit';
import { rosterModule } from './roster';
import { incidentsModule } from './incidents';
import { reportsModule } from './reports';
import { materialsModule } from './materials';
import { syncModule } from './sync';
import { statsModule } from './stats';
import { noticesModule } from './notices';
import { zeroreportsModule } from './zeroreports';
import { warningsModule } from './warnings';
import { boardModule } from './board/module';
import { resourcesModule } from './resources';
import { joinBoard } from './board/join';

/** Every domain of the app, in board order. A new domain adds one line here. */
export const MODULES = [
  systemModule,
  authModule,
  usersModule,
  stationModule,
  auditModule,
  rosterModule,
  incidentsModule,
  reportsModule,
  materialsModule,
  syncModule,
  statsModule,
  noticesModule,
  zeroreportsModule,
  warningsModule,
  boardModule,
  resourcesModule,
] as const;

/** The open matters and duty-log lines of all domains. */
export const BOARD = joinBoard(MODULES);
