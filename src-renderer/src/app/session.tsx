import { createContext, useContext } from 'react';
import type { SessionUser } from '@contract/auth';
import type { StationInfo } from '@contract/station';
import type { Role } from '@contract/roles';

export interface SessionState {
  user: SessionUser;
  station: StationInfo;
  logout(): void;
  refresh(): void;
}

export const SessionContext = createContext<SessionState | null>(null);

export function useSession(): SessionState {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession outside the shell');
  return s;
}

export const hasRole = (user: SessionUser, roles: readonly Role[]) => roles.some((r) => user.roles.includes(r));
