import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../api/client';
import { useApiMutation, useApiQuery } from '../../api/query';
import { askReason } from '../../ui/dialog';
import { readFileBase64 } from '../warnings/upload';
import { MAX_REPORT_PHOTO } from '@contract/reports';
import { fmt } from './shared';

/**
 * The report's own scene photos (standards §1: ≥ min photos when an emergency response was
 * started). A standalone 快报表 has no incident record, so this is where they go.
 */
export function ReportPhotos(props: { id: string; editable: boolean; needed: number | null; fromIncident: boolean; tz: string; onError(e: string | null): void }) {
  const { t } = useTranslation('reports');
  const list = useApiQuery('reports.photos.list', { id: props.id });
  const add = useApiMutation('reports.photos.add');
  const drop = useApiMutation('reports.photos.void');
  const [busy, setBusy] = useState(false);
  const photos = list.data ?? [];

  const upload = async (files: FileList | null) => {
    props.onError(null);
    setBusy(true);
    try {
      for (const f of Array.from(files ?? [])) {
        if (f.size > MAX_REPORT_PHOTO) throw new Error(t('photos.tooLarge', { name: f.name, limit: MAX_REPORT_PHOTO / 1024 / 1024 }));
        await add.mutateAsync({ id: props.id, name: f.name, mime: f.type, data: await readFileBase64(f) });
      }
    } catch (e) {
      props.onError(errorText(e));
    } finally {
      setBusy(false);
      list.reload();
    }
  };
  const voidOne = async (photoId: string, name: string) => {
    const reason = await askReason({ title: t('photos.void'), label: t('photos.voidReason', { name }) });
    if (!reason) return;
    try {
      await drop.mutateAsync({ reportId: props.id, id: photoId, reason });
    } catch (e) {
      props.onError(errorText(e));
    }
    list.reload();
  };

  return (
    <fieldset className="doc-section" data-section="photos" data-testid="report-photos">
      <legend>{t('photos.title')}</legend>
      {props.needed !== null ? (
        <p className={`small ${photos.length >= props.needed ? 'muted' : 'warn-text'}`}>
          {t(props.fromIncident ? 'photos.neededWithIncident' : 'photos.needed', { min: props.needed, have: photos.length })}
        </p>
      ) : null}
      <ul className="board-list">
        {photos.length === 0 ? <li className="muted">{t('photos.none')}</li> : null}
        {photos.map((p) => (
          <li key={p.id}>
            <span>{p.name}</span>
            <span className="muted small">{p.byName} · {fmt(p.createdAt, props.tz)}</span>
            {props.editable ? <button type="button" className="no-print" onClick={() => void voidOne(p.id, p.name)}>{t('photos.void')}</button> : null}
          </li>
        ))}
      </ul>
      {props.editable ? (
        <label className="field no-print">
          <span>{t('photos.add')}</span>
          <input type="file" accept="image/jpeg,image/png,image/gif,image/webp" multiple disabled={busy} data-testid="photo-input"
            onChange={(e) => { void upload(e.target.files); e.target.value = ''; }} />
        </label>
      ) : null}
    </fieldset>
  );
}
