import type { TFunction } from 'i18next';
import type { FieldDef, ListName, Value } from '@contract/resources';

/** A field's heading; a few read differently in one list (an expert's 姓名, a team's 24-hour phone) — as core/resources/words.ts. */
export const labelKey = (list: ListName, key: string) => (list === 'experts' && key === 'name' ? 'expertName' : list === 'teams' && key === 'phone' ? 'teamPhone' : key);

export const fieldLabel = (t: TFunction, list: ListName, d: FieldDef) => t(`f.${labelKey(list, d.key)}`);

/** A value as a person reads it (choices in words; townships are shown by the row's townshipName). */
export function shown(t: TFunction, d: FieldDef, v: Value | undefined): string {
  if (v === null || v === undefined) return '';
  if (d.kind === 'choice') return t(`c.${d.choices}.${v}`);
  return String(v);
}
