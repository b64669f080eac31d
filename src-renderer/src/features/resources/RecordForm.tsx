import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { CHOICES, FIELDS, type FieldDef, type ListName, type ResourceRow, type Values } from '@contract/resources';
import type { InputOf } from '@contract/index';
import { api } from '../../api/client';
import { useApiQuery } from '../../api/query';
import { ErrorBanner, Field } from '../../ui/Field';
import { useSubmit } from '../../ui/useSubmit';
import { fieldLabel } from './words';

type Draft = Record<string, string>;

const draftOf = (list: ListName, row: ResourceRow | null): Draft =>
  Object.fromEntries(FIELDS[list].map((d) => [d.key, row?.values[d.key] == null ? (d.kind === 'choice' && d.required ? CHOICES[d.choices!][0] : '') : String(row.values[d.key])]));

/** The form's text → the API's values: numbers as numbers, blank optional fields left out. */
function valuesOf(list: ListName, draft: Draft): Values {
  const out: Values = {};
  for (const d of FIELDS[list]) {
    const s = (draft[d.key] ?? '').trim();
    if (!s) continue; // a required field left blank is named by the main process's check
    out[d.key] = d.kind === 'int' || d.kind === 'lat' || d.kind === 'lng' ? Number(s) : s;
  }
  return out;
}

/** New or edit form of one record, drawn from the list's field description in the contract. */
export function RecordForm(props: { list: ListName; row: ResourceRow | null; onSaved(r: ResourceRow): void; onCancel(): void }) {
  const { t } = useTranslation('resources');
  const { list, row } = props;
  const places = useApiQuery('station.places', undefined, { reference: true }).data ?? [];
  const townships = places.filter((p) => p.level === 'township');
  const [draft, setDraft] = useState<Draft>(() => draftOf(list, row));
  const { error, errs, busy, run } = useSubmit();
  useEffect(() => setDraft(draftOf(list, row)), [list, row]);
  const set = (k: string, v: string) => setDraft((d) => ({ ...d, [k]: v }));
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    let saved: ResourceRow | null = null;
    const ok = await run(async () => {
      saved = await api.send('resources.save', { list, id: row?.id, version: row?.version, values: valuesOf(list, draft) } as InputOf<'resources.save'>);
    });
    if (ok && saved) props.onSaved(saved);
  };
  const input = (d: FieldDef) => {
    const v = draft[d.key] ?? '';
    const name = `res-${d.key}`;
    switch (d.kind) {
      case 'longtext':
        return <textarea id={name} name={name} rows={2} value={v} onChange={(e) => set(d.key, e.target.value)} />;
      case 'choice':
        return (
          <select id={name} name={name} value={v} onChange={(e) => set(d.key, e.target.value)}>
            {d.required ? null : <option value="" />}
            {CHOICES[d.choices!].map((c) => (
              <option key={c} value={c}>
                {t(`c.${d.choices}.${c}`)}
              </option>
            ))}
          </select>
        );
      case 'township':
        return (
          <select id={name} name={name} value={v} onChange={(e) => set(d.key, e.target.value)}>
            <option value="">{t('msg.chooseTownship')}</option>
            {townships.map((p) => (
              <option key={p.code} value={p.code}>
                {p.name}
              </option>
            ))}
          </select>
        );
      case 'date':
        return <input id={name} name={name} type="date" value={v} onChange={(e) => set(d.key, e.target.value)} />;
      case 'int':
      case 'lat':
      case 'lng':
        return <input id={name} name={name} inputMode="decimal" value={v} onChange={(e) => set(d.key, e.target.value)} />;
      default:
        return <input id={name} name={name} value={v} onChange={(e) => set(d.key, e.target.value)} />;
    }
  };
  return (
    <form className="card res-form" onSubmit={submit} data-testid="resource-form">
      <h3>{row ? t('msg.editing', { name: String(row.values.name) }) : t('msg.newRecord')}</h3>
      <ErrorBanner error={error} />
      <div className="res-fields">
        {FIELDS[list].map((d) => (
          <div key={d.key} className={d.kind === 'longtext' ? 'res-wide' : ''}>
            <Field label={`${fieldLabel(t, list, d)}${d.required ? ' *' : ''}`} htmlFor={`res-${d.key}`} error={errs[`values.${d.key}`]}>
              {input(d)}
            </Field>
          </div>
        ))}
      </div>
      <div className="res-actions">
        <button type="submit" className="primary" disabled={busy} data-testid="resource-save">
          {t('a.save')}
        </button>
        {row ? (
          <button type="button" onClick={props.onCancel}>
            {t('a.new')}
          </button>
        ) : null}
      </div>
    </form>
  );
}
