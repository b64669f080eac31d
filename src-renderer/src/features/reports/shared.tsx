import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { stageLabel, type ReportTemplate, type Stage, type ValidationIssue } from '@contract/reports';

let templatesCache: Promise<ReportTemplate[]> | null = null;
/** Templates change with a release only: loaded once per session. */
export function useTemplates(): ReportTemplate[] | null {
  const [data, setData] = useState<ReportTemplate[] | null>(null);
  useEffect(() => {
    let live = true;
    templatesCache ??= api.send('reports.templates');
    templatesCache.then(
      (v) => live && setData(v),
      () => (templatesCache = null),
    );
    return () => {
      live = false;
    };
  }, []);
  return data;
}

const fmts = new Map<string, Intl.DateTimeFormat>();
function tzOffset(ms: number, tz: string): number {
  let f = fmts.get(tz);
  if (!f) fmts.set(tz, (f = new Intl.DateTimeFormat('en-US', { timeZone: tz, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' })));
  const p: Record<string, number> = {};
  for (const x of f.formatToParts(ms)) if (x.type !== 'literal') p[x.type] = Number(x.value);
  return Date.UTC(p.year, p.month - 1, p.day, p.hour % 24, p.minute, p.second) - Math.floor(ms / 1000) * 1000;
}
/** 'YYYY-MM-DD HH:mm' in the station zone. */
export function fmt(ms: number | null | undefined, tz: string): string {
  if (ms === null || ms === undefined) return '';
  return new Date(ms + tzOffset(ms, tz)).toISOString().slice(0, 16).replace('T', ' ');
}
/** Value for <input type="datetime-local"> and back, in the station zone. */
export const toLocalInput = (ms: number | null | undefined, tz: string) => (ms === null || ms === undefined ? '' : fmt(ms, tz).replace(' ', 'T'));
export function fromLocalInput(v: string, tz: string): number | null {
  if (!v) return null;
  const guess = Date.parse(`${v}:00Z`);
  if (Number.isNaN(guess)) return null;
  return guess - tzOffset(guess - tzOffset(guess, tz), tz);
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
