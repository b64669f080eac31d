import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { hasRole, useSession } from '../../app/session';
import { StationSettings } from './StationSettings';
import { UsersAdmin } from './UsersAdmin';
import { Backups } from './Backups';
import { AuditLog } from './AuditLog';
import { DesktopSettings, isDesktop } from './Desktop';
import { ChangePassword } from '../../app/ChangePassword';
import type { Role } from '@contract/roles';

const TABS: { id: string; roles?: Role[] }[] = [
  { id: 'account' },
  { id: 'station', roles: ['admin'] },
  { id: 'users', roles: ['admin'] },
  { id: 'backups', roles: ['admin', 'leader'] },
  { id: 'audit', roles: ['admin', 'leader'] },
  { id: 'desktop', roles: ['admin'] },
];

export function SettingsPage() {
  const { t } = useTranslation('settings');
  const { user } = useSession();
  const tabs = TABS.filter((x) => (!x.roles || hasRole(user, x.roles)) && (x.id !== 'desktop' || isDesktop()));
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
        {tab === 'station' && <StationSettings />}
        {tab === 'users' && <UsersAdmin />}
        {tab === 'backups' && <Backups />}
        {tab === 'audit' && <AuditLog />}
        {tab === 'desktop' && <DesktopSettings />}
      </div>
    </div>
  );
}
