import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApiQuery } from '../../api/query';
import { stageLabel, type ReportTemplate, type Stage, type ValidationIssue } from '@contract/reports';
import { localToUtc, tzOffset } from '@contract/time';

/** Templates change with a release only: kept for the session. */
export const useTemplates = (): ReportTemplate[] | null => useApiQuery('reports.templates', undefined, { reference: true }).data;

/** 'YYYY-MM-DD HH:mm' in the station zone. */
export function fmt(ms: number | null | undefined, tz: string): string {
  if (ms === null || ms === undefined) return '';
  return new Date(ms + tzOffset(ms, tz)).toISOString().slice(0, 16).replace('T', ' ');
}
/** Value for <input type="datetime-local"> and back, in the station zone. */
export const toLocalInput = (ms: number | null | undefined, tz: string) => (ms === null || ms === undefined ? '' : fmt(ms, tz).replace(' ', 'T'));
export function fromLocalInput(v: string, tz: string): number | null {
  if (!v) return null;
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(v) || Number.isNaN(Date.parse(`${v}:00Z`))) return null;
  return localToUtc(v.slice(0, 10), Number(v.slice(11, 13)) * 60 + Number(v.slice(14, 16)), tz);
}

export function useStageLabel() {
  const { i18n } = useTranslation();
  return (stage: Stage, seq: number) => stageLabel(stage, seq, i18n.language === 'en' ? 'en' : 'zh-CN');
}

/** Validation issues in the UI language (keys are shared with the main process). */
export function useIssueText() {
  const { t } = useTranslation('reports');
  return (i: ValidationIssue) => t(i.key.replace(/^reports\./, ''), i.params ?? {});
}

/** A ticking clock for countdowns. */
export function useNow(periodMs = 1000): number {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const h = setInterval(() => setNow(Date.now()), periodMs);
    return () => clearInterval(h);
  }, [periodMs]);
  return now;
}

export function span(ms: number, en: boolean): string {
  const m = Math.floor(Math.abs(ms) / 60_000);
  const d = Math.floor(m / 1440);
  const h = Math.floor((m % 1440) / 60);
  const mm = m % 60;
  if (en) return d ? `${d}d ${h}h` : h ? `${h}h ${String(mm).padStart(2, '0')}m` : `${mm}m`;
  return d ? `${d}天${h}小时` : h ? `${h}小时${String(mm).padStart(2, '0')}分` : `${mm}分钟`;
}

export function Countdown({ dueAt }: { dueAt: number }) {
  const { t, i18n } = useTranslation('reports');
  const now = useNow(1000);
  const left = dueAt - now;
  const cls = left < 0 ? 'rp-countdown overdue' : left < 30 * 60_000 ? 'rp-countdown soon' : 'rp-countdown';
  return (
    <span className={cls} data-testid="countdown">
      {left < 0 ? t('due.overdue', { t: span(left, i18n.language === 'en') }) : t('due.remaining', { t: span(left, i18n.language === 'en') })}
    </span>
  );
}

export { downloadBase64 } from '../../ui/download';

export const go = (hash: string) => {
  location.hash = hash;
};
