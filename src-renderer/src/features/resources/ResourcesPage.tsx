import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { can } from '@contract/index';
import { LISTS, type ListName } from '@contract/resources';
import { useSession } from '../../app/session';
import { ListTab } from './ListTab';
import { SettingsTab } from './SettingsTab';
import './resources.css';

type Tab = ListName | 'settings';

/** 应急资源: teams, experts, shelters, hazard sites, and the contingency plan register. */
export function ResourcesPage() {
  const { t } = useTranslation('resources');
  const { user } = useSession();
  const [tab, setTab] = useState<Tab>('teams');
  const tabs: Tab[] = [...LISTS, ...(can(user, 'resources.setSettings') ? (['settings'] as Tab[]) : [])];
  return (
    <div className="page resources">
      <h1 className="page-title">{t('title')}</h1>
      <div className="tabs" role="tablist">
        {tabs.map((k) => (
          <button key={k} type="button" role="tab" data-tab={k} className={tab === k ? 'active' : ''} onClick={() => setTab(k)}>
            {k === 'settings' ? t('tabs.settings') : t(`lists.${k}`)}
          </button>
        ))}
      </div>
      {tab === 'settings' ? <SettingsTab /> : <ListTab key={tab} list={tab} />}
    </div>
  );
}
