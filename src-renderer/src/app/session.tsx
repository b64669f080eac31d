import { createContext, useContext } from 'react';
import type { SessionUser } from '@contract/auth';
import type { StationInfo } from '@contract/station';

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
