import type { DomainModule } from '../module';
import { syncHandlers } from './handlers';

/** Township → district sync: outbox, enrollment, hub, file transport, district view. */
export const syncModule = { name: 'sync', handlers: syncHandlers } satisfies DomainModule;
