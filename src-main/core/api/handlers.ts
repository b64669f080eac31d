import type { MethodName } from '../../contract';
import type { Registration } from './types';
import { systemHandlers } from '../system/handlers';
import { authHandlers } from '../auth/handlers';
import { usersHandlers } from '../users/handlers';
import { stationHandlers } from '../station/handlers';
import { auditHandlers } from '../audit/handlers';
import { reportsHandlers } from '../reports/handlers';
import { materialsHandlers } from '../materials/handlers';
import { rosterHandlers } from '../roster/handlers';
import { incidentsHandlers } from '../incidents/handlers';
import { syncHandlers } from '../sync/handlers';

/**
 * The registry. The type makes a missing or extra handler a compile error: every method in the
 * contract is served, and nothing is served that the contract does not declare.
 */
export const HANDLERS: { [M in MethodName]: Registration<M> } = {
  ...systemHandlers,
  ...authHandlers,
  ...usersHandlers,
  ...stationHandlers,
  ...auditHandlers,
  ...reportsHandlers,
  ...materialsHandlers,
  ...rosterHandlers,
  ...incidentsHandlers,
  ...syncHandlers,
};
