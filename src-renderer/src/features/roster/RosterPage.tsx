import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MonthRoster } from './MonthRoster';
import { OnDuty } from './OnDuty';
import { Directory } from './Directory';
import { SetupTab } from './SetupTab';
import { CalendarImport } from './CalendarImport';
import './roster.css';

const TABS = ['month', 'duty', 'people', 'setup', 'calendar'] as const;

export function RosterPage() {
  const { t } = useTranslation('roster');
  const [tab, setTab] = useState<(typeof TABS)[number]>('month');
  const [importYear, setImportYear] = useState<number | null>(null);
  return (
    <div className="page">
      <h1 className="page-title">{t('title')}</h1>
      <div className="tabs" role="tablist">
        {TABS.map((x) => (
          <button key={x} role="tab" aria-selected={tab === x} className={tab === x ? 'active' : ''} onClick={() => setTab(x)} data-tab={`roster-${x}`}>
            {t(`tabs.${x}`)}
          </button>
        ))}
      </div>
      <div className="tab-body">
        {tab === 'month' && <MonthRoster onImportCalendar={(y) => (setImportYear(y), setTab('calendar'))} />}
        {tab === 'duty' && <OnDuty />}
        {tab === 'people' && <Directory />}
        {tab === 'setup' && <SetupTab />}
        {tab === 'calendar' && <CalendarImport initialYear={importYear} />}
      </div>
    </div>
  );
}
