import type { DomainModule } from '../module';
import { usersHandlers } from './handlers';

export const usersModule = { name: 'users', handlers: usersHandlers } satisfies DomainModule;
