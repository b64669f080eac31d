import type { DomainModule } from '../module';
import { systemHandlers } from './handlers';

export const systemModule = { name: 'system', handlers: systemHandlers } satisfies DomainModule;
