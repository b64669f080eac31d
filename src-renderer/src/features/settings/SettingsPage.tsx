import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../app/session';
import { StationSettings } from './StationSettings';
import { UsersAdmin } from './UsersAdmin';
import { Backups } from './Backups';
import { AuditLog } from './AuditLog';
import { DesktopSettings, isDesktop } from './Desktop';
import { ChangePassword } from '../../app/ChangePassword';
import { AlertSettings } from '../../app/alerts/AlertSettings';
import { can, type MethodName } from '@contract/index';

/** A tab is shown to users who may call the method it is for (access lives in the contract). */
const TABS: { id: string; needs?: MethodName; desktopOnly?: boolean }[] = [
  { id: 'account' },
  { id: 'station', needs: 'station.update' },
  { id: 'users', needs: 'users.create' },
  { id: 'backups', needs: 'system.listBackups' },
  { id: 'audit', needs: 'audit.list' },
  // LAN access and the shell's settings: station-level, for whoever may change the station (admin).
  { id: 'desktop', needs: 'station.update', desktopOnly: true },
];

export function SettingsPage() {
  const { t } = useTranslation('settings');
  const { user } = useSession();
  const tabs = TABS.filter((x) => (!x.needs || can(user, x.needs)) && (!x.desktopOnly || isDesktop()));
  const [tab, setTab] = useState(tabs.find((x) => x.id === 'users')?.id ?? tabs[0].id);
  return (
    <div className="page">
      <h1 className="page-title">{t('title')}</h1>
      <div className="tabs" role="tablist">
        {tabs.map((x) => (
          <button key={x.id} role="tab" aria-selected={tab === x.id} className={tab === x.id ? 'active' : ''} onClick={() => setTab(x.id)} data-tab={x.id}>
            {t(`tabs.${x.id}`)}
          </button>
        ))}
      </div>
      <div className="tab-body">
        {tab === 'account' && <ChangePassword onDone={() => undefined} />}
        {tab === 'account' && <AlertSettings />}
        {tab === 'station' && <StationSettings />}
        {tab === 'users' && <UsersAdmin />}
        {tab === 'backups' && <Backups />}
        {tab === 'audit' && <AuditLog />}
        {tab === 'desktop' && <DesktopSettings />}
      </div>
    </div>
  );
}
