import type { DomainModule } from '../module';
import { stationHandlers } from './handlers';

export const stationModule = { name: 'station', handlers: stationHandlers } satisfies DomainModule;
