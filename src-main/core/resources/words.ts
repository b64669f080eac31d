import type { Locale } from '../../contract/roles';
import { CHOICES, type ChoiceSet, type FieldDef, type ListName } from '../../contract/resources';
import { translate } from '../i18n/messages';

/** The words of the lists (headings, choices) in a language, from messages.ts. */
export const listTitle = (locale: Locale, list: ListName) => translate(locale, `resources.list.${list}`);

/** A field's heading; a few read differently in one list (an expert's 姓名, a team's 24-hour phone). */
export const labelKey = (list: ListName, key: string) => (list === 'experts' && key === 'name' ? 'expertName' : list === 'teams' && key === 'phone' ? 'teamPhone' : key);

export const fieldLabel = (locale: Locale, list: ListName, d: FieldDef) => translate(locale, `resources.f.${labelKey(list, d.key)}`);

export const choiceLabel = (locale: Locale, set: ChoiceSet, code: string) => translate(locale, `resources.c.${set}.${code}`);

/** The code of a choice written as its code or its words in either language ('' if none matches). */
export function choiceCode(set: ChoiceSet, written: string): string | null {
  const w = written.trim();
  for (const code of CHOICES[set]) {
    if (w === code || w === choiceLabel('zh-CN', set, code) || w.toLowerCase() === choiceLabel('en', set, code).toLowerCase()) return code;
  }
  return null;
}
