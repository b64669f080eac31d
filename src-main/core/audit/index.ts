import type { DomainModule } from '../module';
import { auditHandlers } from './handlers';

export const auditModule = { name: 'audit', handlers: auditHandlers } satisfies DomainModule;
