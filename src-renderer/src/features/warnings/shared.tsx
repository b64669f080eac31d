import { useTranslation } from 'react-i18next';
import type { Level } from '@contract/warnings';
import { formatLocal } from '../incidents/shared';

export { formatLocal, parseLocal } from '../incidents/shared';

/** The level as the duty room says it: 橙色预警（2级）, on its colour. */
export function LevelTag({ level }: { level: Level }) {
  const { t } = useTranslation('warnings');
  return (
    <span className={`tag warn-level warn-level-${level}`} data-level={level}>
      {t('levelName', { colour: t(`colours.${level}`), level })}
    </span>
  );
}

/** "2026-Y0003 暴雨橙色预警": how a warning is named in lists and alerts. */
export function warningName(colour: (level: Level) => string, w: { no: string; kind: string; level: Level }, en: boolean): string {
  return en ? `${w.no} ${w.kind} ${colour(w.level)}` : `${w.no} ${w.kind}${colour(w.level)}预警`;
}

export const hm = (ms: number, tz: string) => formatLocal(ms, tz).slice(11);
export const mdhm = (ms: number, tz: string) => formatLocal(ms, tz).slice(5);

/** Minutes left (rounded up), for countdowns. */
export const minutesLeft = (dueAt: number, now: number) => Math.max(0, Math.ceil((dueAt - now) / 60_000));
