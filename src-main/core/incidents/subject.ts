import type { Locale } from '../../contract/roles';
import { ACCIDENT_TYPES, CLASSES, isAccidentClass } from './taxonomy';

/*
 * The 事由 of an incident — place + event, from structured fields, never the caller's summary —
 * composed here once and used by everything that names an incident: the paper's title
 * (关于东昌区环通乡中毒窒息事故的初报), the short label of the audit trail, the handover and the
 * alert strip (2026-00061 环通乡中毒窒息事故), the report register and the deadline list.
 */
export interface EventFacts {
  classCode: string | null;
  typeCode: string | null;
  accidentType: string | null;
}

const TYPES = CLASSES.flatMap((c) => c.types);

/** The event as named in a title: 中毒和窒息 → 中毒窒息事故; 地质灾害 stays; 食品安全和职业危害 → …事件. */
export function eventTitle(f: EventFacts, locale: Locale): string {
  const accident = f.classCode ? isAccidentClass(f.classCode) : false;
  const at = f.accidentType ? ACCIDENT_TYPES.find((x) => x.code === f.accidentType) : undefined;
  if (accident || at) {
    if (at && at.name !== '其他伤害') return locale === 'en' ? `${at.en} accident` : `${at.name.replace(/和/g, '')}事故`;
    return locale === 'en' ? 'production-safety accident' : '生产安全事故';
  }
  const t = TYPES.find((x) => x.code === f.typeCode);
  if (!t) return locale === 'en' ? 'emergency' : '突发事件';
  if (locale === 'en') return t.en;
  return /(事件|事故|灾害|灾|疫情)$/.test(t.name) ? t.name : `${t.name}事件`;
}

/** Place + event: 东昌区环通乡中毒窒息事故 (zh-CN), "环通乡 Poisoning and asphyxiation accident" (en; places keep their names). */
export function subjectTitle(place: string, f: EventFacts, locale: Locale): string {
  const e = eventTitle(f, locale);
  return locale === 'en' ? [place, e].filter(Boolean).join(' ') : `${place}${e}`;
}
