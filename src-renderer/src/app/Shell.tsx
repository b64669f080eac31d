import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FEATURES } from './features';
import { can } from '@contract/index';
import { useSession } from './session';
import { Clock } from './Clock';
import { LangSwitch } from './LangSwitch';
import { SyncIndicator } from '../features/sync/SyncIndicator';
import { AlertDock } from './alerts/AlertDock';
import { clearAlerts } from './alerts/store';
import { ReportAlerts } from '../features/reports/alerts';
import { MaterialsAlerts } from '../features/materials/alerts';
import { NoticeAlerts } from '../features/notices/BoardPanels';
import { ZeroReportAlerts } from '../features/zeroreports/BoardPanels';
import { WarningAlerts } from '../features/warnings/alerts';

function currentRoute(): string {
  return location.hash.replace(/^#\/?/, '').split('/')[0] || 'duty';
}

export function Shell() {
  const { t } = useTranslation();
  const { user, station, logout } = useSession();
  const [route, setRoute] = useState(currentRoute());
  useEffect(() => {
    const on = () => setRoute(currentRoute());
    window.addEventListener('hashchange', on);
    return () => window.removeEventListener('hashchange', on);
  }, []);
  // Alerts end with the session (the shell unmounts at sign-out).
  useEffect(() => clearAlerts, []);
  const visible = FEATURES.filter((f) => (!f.needs || can(user, f.needs)) && (!f.visible || f.visible(station)));
  const active = visible.find((f) => f.id === route) ?? visible[0];
  const Page = active.component;
  return (
    <div className="shell">
      <header className="topbar">
        <div className="brand">
          <span className="brand-mark">应</span>
          <div>
            <div className="brand-name">{t('appName')}</div>
            <div className="brand-station" data-testid="station-name">
              {station.name}
            </div>
          </div>
        </div>
        <nav className="nav" aria-label="main">
          {visible.map((f) => (
            <a key={f.id} href={`#/${f.id}`} className={f.id === active.id ? 'active' : ''} data-nav={f.id}>
              {t(f.label)}
              {f.badge ? <f.badge /> : null}
            </a>
          ))}
        </nav>
        <div className="topbar-right">
          <SyncIndicator />
          <Clock timeZone={station.timeZone} />
          <div className="who" data-testid="current-user">
            <span className="who-name">{user.displayName}</span>
            <span className="who-roles">{user.roles.map((r) => t(`roles.${r}`)).join(' · ')}</span>
          </div>
          <LangSwitch persist />
          <button type="button" className="ghost" onClick={logout} data-testid="logout">
            {t('actions.logout')}
          </button>
        </div>
      </header>
      <main className="content">
        <Page />
      </main>
      <ReportAlerts />
      <MaterialsAlerts />
      <NoticeAlerts />
      <ZeroReportAlerts />
      <WarningAlerts />
      <AlertDock />
    </div>
  );
}
