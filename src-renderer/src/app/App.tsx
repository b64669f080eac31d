import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { clearApiCache } from '../api/query';
import type { LoginResult, SessionUser } from '@contract/auth';
import type { StationInfo } from '@contract/station';
import { Setup } from './Setup';
import { Login } from './Login';
import { ChangePassword } from './ChangePassword';
import { Shell } from './Shell';
import { SessionContext } from './session';

type Phase =
  | { kind: 'loading' }
  | { kind: 'offline'; message: string }
  | { kind: 'setup' }
  | { kind: 'login'; stationName: string | null }
  | { kind: 'in'; user: SessionUser; station: StationInfo };

export function App() {
  const { i18n } = useTranslation();
  const [phase, setPhase] = useState<Phase>({ kind: 'loading' });
  api.setLocale(i18n.language);

  const boot = useCallback(async () => {
    try {
      const h = await api.send('system.health');
      if (h.needsSetup) return setPhase({ kind: 'setup' });
      if (api.hasToken()) {
        try {
          const me = await api.send('auth.me');
          return setPhase({ kind: 'in', user: me.user, station: me.station });
        } catch {
          api.setToken(null);
        }
      }
      setPhase({ kind: 'login', stationName: h.station?.name ?? null });
    } catch (e) {
      setPhase({ kind: 'offline', message: (e as Error).message });
    }
  }, []);

  useEffect(() => {
    api.onUnauthenticated(() => {
      api.setToken(null);
      void boot();
    });
    void boot();
  }, [boot]);

  const signedIn = (r: LoginResult) => {
    clearApiCache(); // nothing read as the previous user is shown to this one
    api.setToken(r.token);
    setPhase({ kind: 'in', user: r.user, station: r.station });
  };

  switch (phase.kind) {
    case 'loading':
      return <div className="center-page">…</div>;
    case 'offline':
      return (
        <div className="center-page">
          <div className="banner banner-error">{phase.message}</div>
        </div>
      );
    case 'setup':
      return <Setup onDone={signedIn} />;
    case 'login':
      return <Login stationName={phase.stationName} onDone={signedIn} />;
    case 'in': {
      const logout = () => {
        void api.send('auth.logout').catch(() => undefined);
        api.setToken(null);
        clearApiCache();
        void boot();
      };
      if (phase.user.mustChangePassword) return <ChangePassword forced onDone={() => void boot()} onCancel={logout} />;
      return (
        <SessionContext.Provider value={{ user: phase.user, station: phase.station, logout, refresh: () => void boot() }}>
          <Shell />
        </SessionContext.Provider>
      );
    }
  }
}
