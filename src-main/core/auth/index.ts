import type { DomainModule } from '../module';
import { authHandlers } from './handlers';

export const authModule = { name: 'auth', handlers: authHandlers } satisfies DomainModule;
