import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { getVolume, playChime, setVolume } from './sound';

/** Settings → 我的账号: the chime's volume, kept on this computer (localStorage). */
export function AlertSettings() {
  const { t } = useTranslation();
  const [v, setV] = useState(getVolume());
  return (
    <section className="card narrow" data-testid="alert-settings">
      <h2>{t('alerts.sound.title')}</h2>
      <label className="field">
        <span>{t('alerts.sound.volume')}: {v}%</span>
        <input type="range" name="alertVolume" min={0} max={100} step={5} value={v} onChange={(e) => { const n = Number(e.target.value); setV(n); setVolume(n); }} />
      </label>
      <p className="muted small">{t('alerts.sound.hint')}</p>
      <button type="button" onClick={() => playChime(true, v)}>{t('alerts.sound.test')}</button>
    </section>
  );
}
