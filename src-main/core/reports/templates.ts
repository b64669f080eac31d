import {
  DeadlineRule, FIELD_TYPES, ReportTemplate, allFields, isNumeric,
  type ReportTemplate as Template, type DeadlineRule as Rule,
} from '../../contract/reports';
import rulesFile from '../../../resources/reports/deadline-rules.json';

/** A template or rule file that cannot be used. Thrown at load: the app refuses to start with it. */
export class TemplateError extends Error {
  constructor(readonly source: string, detail: string) {
    super(`Report template ${source}: ${detail}`);
    this.name = 'TemplateError';
  }
}

/**
 * Checks one template file (resources/reports/*.json). Unknown field types are refused by name
 * first — a province's variant must not silently render a field we cannot validate — then the
 * shape, then every reference (rules, breakdown, sharp-change fields) against the fields.
 */
export function parseTemplate(raw: unknown, source: string): Template {
  const secs = (raw as { sections?: { fields?: { id?: unknown; type?: unknown }[] }[] })?.sections;
  if (Array.isArray(secs)) {
    for (const s of secs) for (const f of s?.fields ?? []) {
      if (!(FIELD_TYPES as readonly unknown[]).includes(f?.type)) {
        throw new TemplateError(source, `field "${String(f?.id)}" has unknown type "${String(f?.type)}" (known types: ${FIELD_TYPES.join(', ')})`);
      }
    }
  }
  const p = ReportTemplate.safeParse(raw);
  if (!p.success) {
    const i = p.error.issues[0];
    throw new TemplateError(source, `${i.path.join('.') || '(root)'}: ${i.message}`);
  }
  const t = p.data as Template;
  const fields = new Map(allFields(t).map((f) => [f.id, f]));
  if (fields.size !== allFields(t).length) throw new TemplateError(source, 'duplicate field id');
  const num = (id: string, where: string) => {
    const f = fields.get(id);
    if (!f) throw new TemplateError(source, `${where} names unknown field "${id}"`);
    if (!isNumeric(f)) throw new TemplateError(source, `${where} names non-numeric field "${id}"`);
  };
  for (const r of t.rules) {
    if (r.type === 'sumEquals') [...r.parts, r.total].forEach((id) => num(id, `rule ${r.id}`));
    else [...r.left, r.right].forEach((id) => num(id, `rule ${r.id}`));
  }
  t.breakdown?.fields.forEach((id) => num(id, 'breakdown'));
  t.sharpChange?.fields.forEach((id) => num(id, 'sharpChange'));
  if (t.photos && fields.get(t.photos.when)?.type !== 'boolean') throw new TemplateError(source, `photos names "${t.photos.when}", not a yes/no field`);
  for (const f of fields.values()) {
    if (f.type === 'select' && !f.options?.length) throw new TemplateError(source, `select field "${f.id}" has no options`);
    for (const st of f.stages ?? []) if (!t.stages.includes(st)) throw new TemplateError(source, `field "${f.id}" names stage "${st}" the template lacks`);
  }
  return t;
}

export function parseRules(raw: unknown, source: string): Rule[] {
  const list = (raw as { rules?: unknown })?.rules;
  if (!Array.isArray(list)) throw new TemplateError(source, 'no rules array');
  const out = list.map((r, i) => {
    const p = DeadlineRule.safeParse(r);
    if (!p.success) throw new TemplateError(source, `rules[${i}] ${p.error.issues[0].path.join('.')}: ${p.error.issues[0].message}`);
    const rule = p.data;
    const need: Record<string, keyof Rule['params']> = { within: 'minutes', interval: 'minutes', afterClose: 'minutes', dailyAt: 'times', sameDay: 'windowDays' };
    if (rule.params[need[rule.kind]] === undefined) throw new TemplateError(source, `rule ${rule.id} (${rule.kind}) needs params.${need[rule.kind]}`);
    return rule;
  });
  if (new Set(out.map((r) => r.id)).size !== out.length) throw new TemplateError(source, 'duplicate rule id');
  return out;
}

const files = import.meta.glob('../../../resources/reports/*.json', { eager: true, import: 'default' }) as Record<string, unknown>;

/** Every shipped template, latest version per id (older versions stay loadable for old reports). */
export function loadTemplates(entries: Record<string, unknown> = files): Map<string, Template[]> {
  const out = new Map<string, Template[]>();
  for (const [p, raw] of Object.entries(entries)) {
    if (p.endsWith('deadline-rules.json')) continue;
    const t = parseTemplate(raw, p.split('/').pop()!);
    const list = out.get(t.id) ?? [];
    if (list.some((x) => x.version === t.version)) throw new TemplateError(p, `duplicate version ${t.version} of ${t.id}`);
    list.push(t);
    list.sort((a, b) => b.version - a.version);
    out.set(t.id, list);
  }
  return out;
}

export const TEMPLATES = loadTemplates();
export const DEFAULT_RULES = parseRules(rulesFile, 'deadline-rules.json');

export function latestTemplates(): Template[] {
  return [...TEMPLATES.values()].map((l) => l[0]);
}
export function templateOf(id: string, version?: number): Template | undefined {
  const l = TEMPLATES.get(id);
  return version === undefined ? l?.[0] : l?.find((t) => t.version === version);
}
