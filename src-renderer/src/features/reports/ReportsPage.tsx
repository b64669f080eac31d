import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, errorText } from '../../api/client';
import { useApiQuery } from '../../api/query';
import { ErrorBanner } from '../../ui/Field';
import { useSession } from '../../app/session';
import { can } from '@contract/index';
import type { DueItem, ReportRow, Stage } from '@contract/reports';
import { Countdown, fmt, go, useStageLabel, useTemplates } from './shared';
import { ReportEditor } from './ReportEditor';
import { Register } from './Register';
import { RulesSettings } from './RulesSettings';
import './reports.css';
import { askText } from '../../ui/dialog';

const route = () => location.hash.replace(/^#\/?/, '').split('/').slice(1);

function useRoute() {
  const [r, setR] = useState(route());
  useEffect(() => {
    const on = () => setR(route());
    window.addEventListener('hashchange', on);
    return () => window.removeEventListener('hashchange', on);
  }, []);
  return r;
}

export function ReportsPage() {
  const { t } = useTranslation('reports');
  const { user } = useSession();
  const [first] = useRoute();
  const leader = can(user, 'reports.sign');
  const tabs = ['due', 'list', ...(leader ? ['sign'] : []), 'register', 'rules'];
  const [tab, setTab] = useState(tabs.includes(first ?? '') ? first! : 'due');
  useEffect(() => {
    if (first && tabs.includes(first)) setTab(first);
  }, [first]);
  if (first && !tabs.includes(first)) return <ReportEditor id={first} />;
  return (
    <div className="page reports-page">
      <h1 className="page-title">{t('title')}</h1>
      <div className="tabs" role="tablist">
        {tabs.map((x) => (
          <button key={x} role="tab" data-tab={x} aria-selected={tab === x} className={tab === x ? 'active' : ''} onClick={() => go(`#/reports/${x}`)}>
            {t(`tabs.${x}`)}
          </button>
        ))}
      </div>
      <div className="tab-body">
        {tab === 'due' && <DueList />}
        {tab === 'list' && <ReportList />}
        {tab === 'sign' && <ReportList awaiting />}
        {tab === 'register' && <Register />}
        {tab === 'rules' && <RulesSettings />}
      </div>
    </div>
  );
}

/** Which template fits an incident class first (accidents: the Decree 493 form; disasters: the 快报表). */
const preferred: Record<string, string> = { '1': 'disaster-quick', '2': 'accident-report' };

function DueList() {
  const { t, i18n } = useTranslation('reports');
  const { station, user } = useSession();
  const sl = useStageLabel();
  const templates = useTemplates();
  const canWrite = can(user, 'reports.create');
  const { data, error } = useApiQuery('reports.due', {}, { live: true });
  const { data: incidents } = useApiQuery('incidents.list', { status: ['received', 'handling'], limit: 200 });
  const [err, setErr] = useState<string | null>(null);
  const [pick, setPick] = useState<Record<string, string>>({});
  const classOf = new Map((incidents?.rows ?? []).map((i) => [i.id, i.classCode]));

  async function draft(it: DueItem) {
    setErr(null);
    try {
      const stage = it.next!.stage as Stage;
      const templateId = pick[it.chainId] ?? (await existingTemplate(it)) ?? preferred[classOf.get(it.incidentId ?? '') ?? ''] ?? 'event-report';
      const r = await api.send('reports.create', { templateId, stage, ...(it.incidentId ? { incidentId: it.incidentId } : { chainId: it.chainId }) });
      go(`#/reports/${r.id}`);
    } catch (e) {
      setErr(errorText(e));
    }
  }
  async function existingTemplate(it: DueItem): Promise<string | undefined> {
    const l = await api.send('reports.list', { chainId: it.chainId, limit: 1 });
    return l.rows[0]?.templateId;
  }
  async function newDisaster() {
    const title = await askText({ title: t('newDisaster'), label: t('newDisasterTitle') });
    if (!title) return;
    try {
      const r = await api.send('reports.create', { templateId: 'disaster-quick', stage: 'initial', title });
      go(`#/reports/${r.id}`);
    } catch (e) {
      setErr(errorText(e));
    }
  }

  return (
    <div>
      <p className="muted">{t('due.intro')}</p>
      <ErrorBanner error={error ?? err} />
      {canWrite ? (
        <div className="actions">
          <button onClick={newDisaster} data-testid="new-disaster">{t('newDisaster')}</button>
        </div>
      ) : null}
      <table className="table due-table" data-testid="due-table">
        <thead>
          <tr>
            <th>{t('col.title')}</th>
            <th>{t('due.next')}</th>
            <th>{t('due.dueAt')}</th>
            <th>{t('due.left')}</th>
            <th>{t('due.rule')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {data && data.length === 0 ? (
            <tr>
              <td colSpan={6} className="muted">{t('due.none')}</td>
            </tr>
          ) : null}
          {(data ?? []).map((it) => {
            const o = it.next!;
            const fresh = it.incidentId === it.chainId && o.stage === 'initial';
            return (
              <tr key={it.chainId} className={it.overdue ? 'overdue' : ''} data-chain={it.chainId}>
                <td>
                  {it.incidentId ? <a href={`#/incidents/${it.incidentId}`}>{it.title.slice(0, 40)}</a> : it.title}
                  {it.grade ? <span className={`tag grade-${it.grade}`}>{it.grade}</span> : null}
                </td>
                <td>
                  {sl(o.stage, o.seq)}
                  {o.channel !== 'any' ? <span className="muted small">（{t(`due.${o.channel}`)}）</span> : null}
                </td>
                <td className="mono">{fmt(o.dueAt, station.timeZone)}</td>
                <td>
                  <Countdown dueAt={o.dueAt} />
                </td>
                <td className="small">
                  {i18n.language === 'en' ? o.labelEn : o.label}
                  {o.unconfirmed ? <span className="tag unconfirmed">{t('due.unconfirmed')}</span> : null}
                </td>
                <td className="nowrap">
                  {canWrite && fresh && templates ? (
                    <select aria-label={t('template')} value={pick[it.chainId] ?? preferred[classOf.get(it.incidentId ?? '') ?? ''] ?? 'event-report'} onChange={(e) => setPick({ ...pick, [it.chainId]: e.target.value })}>
                      {templates.filter((x) => x.kind !== 'daily').map((x) => (
                        <option key={x.id} value={x.id}>{x.title}</option>
                      ))}
                    </select>
                  ) : null}
                  {canWrite ? (
                    <button className="primary" onClick={() => draft(it)} data-testid="draft-next">
                      {t('due.draft', { stage: sl(o.stage, o.seq) })}
                    </button>
                  ) : null}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function ReportList({ awaiting = false }: { awaiting?: boolean }) {
  const { t } = useTranslation('reports');
  const { station } = useSession();
  const [page, setPage] = useState(0);
  const { data, error } = useApiQuery('reports.list', { awaitingSignature: awaiting || undefined, offset: page * 50, limit: 50 });
  return (
    <div>
      <ErrorBanner error={error} />
      <table className="table report-table" data-testid={awaiting ? 'sign-table' : 'report-table'}>
        <thead>
          <tr>
            <th>{t('col.created')}</th>
            <th>{t('col.title')}</th>
            <th>{t('col.stage')}</th>
            <th>{t('col.status')}</th>
            <th>{t('col.no')}</th>
            <th>{t('col.author')}</th>
            <th>{t('col.signer')}</th>
            <th>{t('col.sentAt')}</th>
          </tr>
        </thead>
        <tbody>
          {(data?.rows ?? []).map((r: ReportRow) => (
            <tr key={r.id} className={r.late ? 'late' : ''}>
              <td className="mono">{fmt(r.createdAt, station.timeZone)}</td>
              <td>
                <a href={`#/reports/${r.id}`}>{r.title.slice(0, 40)}</a>
              </td>
              <td>{r.stageLabel}</td>
              <td>
                <span className={`tag status-${r.status}`}>{t(`status.${r.status}`)}</span>
                {r.late ? <span className="tag late">{t('col.late')}</span> : null}
              </td>
              <td className="small">{r.no ?? ''}</td>
              <td>{r.authorName}</td>
              <td>{r.signedByName ?? ''}</td>
              <td className="mono">{fmt(r.sentAt, station.timeZone)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {data && data.total > 50 ? (
        <div className="actions">
          <button disabled={page === 0} onClick={() => setPage(page - 1)}>‹</button>
          <span className="muted">
            {page * 50 + 1}–{Math.min(data.total, page * 50 + 50)} / {data.total}
          </span>
          <button disabled={(page + 1) * 50 >= data.total} onClick={() => setPage(page + 1)}>›</button>
        </div>
      ) : null}
    </div>
  );
}
