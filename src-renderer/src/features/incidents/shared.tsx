import { useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApiQuery } from '../../api/query';
import type { Taxonomy } from '@contract/incidents';
import type { Place } from '@contract/station';
import { localDate, localMinuteOfDay, localToUtc } from '@contract/time';
import { pickMatches, type PickOption } from './pick';

/** Taxonomy and places change rarely: kept for the session (refreshed after a write). */
export function useReference(): { tax: Taxonomy; places: Place[] } | null {
  const tax = useApiQuery('incidents.taxonomy', undefined, { reference: true }).data;
  const places = useApiQuery('station.places', undefined, { reference: true }).data;
  return useMemo(() => (tax && places ? { tax, places } : null), [tax, places]);
}

/** The item name in the UI language. */
export const nameOf = (lang: string, i: { name: string; en: string } | undefined, fallback = '') => (i ? (lang === 'en' ? i.en : i.name) : fallback);

export function typeIndex(tax: Taxonomy) {
  const m = new Map<string, { code: string; name: string; en: string; classCode: string; className: string; classEn: string; accident: boolean }>();
  for (const c of tax.classes) for (const t of c.types) m.set(t.code, { ...t, classCode: c.code, className: c.name, classEn: c.en, accident: c.accident });
  return m;
}

/** Wall time in the station's zone → UTC ms. Accepts "YYYY-MM-DD HH:mm" or "HH:mm" (today). */
export function parseLocal(s: string, timeZone: string, now = Date.now()): number | null {
  const v = s.trim();
  if (!v) return null;
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})[ T](\d{1,2}):(\d{2})$/.exec(v);
  let parts: number[];
  if (m) parts = m.slice(1).map(Number);
  else {
    m = /^(\d{1,2}):?(\d{2})$/.exec(v);
    if (!m) return NaN;
    const today = formatLocal(now, timeZone).slice(0, 10).split('-').map(Number);
    parts = [...today, Number(m[1]), Number(m[2])];
  }
  const [y, mo, d, h, mi] = parts;
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59) return NaN;
  return localToUtc(`${y}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`, h * 60 + mi, timeZone);
}

/** 'YYYY-MM-DD HH:mm' in the station zone. */
export function formatLocal(ms: number, timeZone: string): string {
  const m = localMinuteOfDay(ms, timeZone);
  return `${localDate(ms, timeZone)} ${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
}

export type { PickOption } from './pick';

/**
 * Keyboard-first picker: type a code or part of the name, ↑/↓ to move, Tab or Enter to take the
 * highlighted match. An exact code match wins. Shows the chosen label under the input.
 */
export function Picker(props: {
  name: string;
  options: PickOption[];
  value: string | null;
  onChange(v: string | null): void;
  placeholder?: string;
  autoFocus?: boolean;
  disabled?: boolean;
}) {
  const { t } = useTranslation('incidents');
  const current = props.options.find((o) => o.value === props.value) ?? null;
  const [text, setText] = useState<string | null>(null);
  const [hi, setHi] = useState(0);
  const ref = useRef<HTMLInputElement>(null);
  // The text that found nothing when the field was left: said in words, the field keeps its value.
  const [missed, setMissed] = useState<string | null>(null);
  const matches = useMemo(() => (text === null ? [] : pickMatches(props.options, text)), [text, props.options]);
  const commit = (o: PickOption | undefined) => {
    if (text !== null) {
      if (o) props.onChange(o.value);
      else if (!text.trim()) props.onChange(null);
      setMissed(!o && text.trim() ? text.trim() : null);
    }
    setText(null);
    setHi(0);
  };
  const noMatch = text !== null && text.trim() && !matches.length ? text.trim() : text === null ? missed : null;
  return (
    <div className="picker">
      <input
        ref={ref}
        name={props.name}
        autoFocus={props.autoFocus}
        disabled={props.disabled}
        autoComplete="off"
        role="combobox"
        aria-expanded={text !== null && matches.length > 0}
        placeholder={props.placeholder ?? t('f.pickHint')}
        value={text ?? current?.label ?? ''}
        onFocus={(e) => e.target.select()}
        onChange={(e) => {
          setText(e.target.value);
          setHi(0);
        }}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
            e.preventDefault();
            if (text === null) setText('');
            setHi((h) => Math.max(0, Math.min(matches.length - 1, h + (e.key === 'ArrowDown' ? 1 : -1))));
          } else if (e.key === 'Enter' && text !== null) {
            e.preventDefault();
            e.stopPropagation();
            commit(matches[hi]);
          } else if (e.key === 'Escape' && text !== null) {
            e.stopPropagation();
            setText(null);
          } else if (e.key === 'Tab') commit(matches[hi]);
        }}
        onBlur={() => commit(matches[hi])}
      />
      {text !== null && matches.length ? (
        <ul className="picker-list" role="listbox">
          {matches.map((o, i) => (
            <li
              key={o.value}
              role="option"
              aria-selected={i === hi}
              className={i === hi ? 'hi' : ''}
              onMouseDown={(e) => {
                e.preventDefault();
                props.onChange(o.value);
                setText(null);
              }}
            >
              {o.label}
            </li>
          ))}
        </ul>
      ) : null}
      {noMatch ? (
        <div className="field-msg" role="alert" data-testid={`${props.name}-nomatch`}>
          {t('f.noMatch', { text: noMatch })}
        </div>
      ) : null}
    </div>
  );
}

export { downloadBase64 } from '../../ui/download';

/** F2 from anywhere opens the intake form (the incidents page reads the route). */
export function installIntakeHotkey() {
  window.addEventListener('keydown', (e) => {
    if (e.key === 'F2') {
      e.preventDefault();
      location.hash = '#/incidents/new';
    }
  });
}

/** Why a leader is asked to look: the server's codes for a new call and a flag in words, any other reason as written. */
export const attentionReason = (t: (k: string) => string, reason: string) => (reason === 'new' ? t('incidents:kinds.intake') : reason === 'flag' ? t('incidents:kinds.flag') : reason);
