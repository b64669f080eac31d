import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiCallError, errorText } from '../../api/client';
import { ErrorBanner, Field } from '../../ui/Field';

/**
 * Settings → 桌面与局域网访问 (desktop only): LAN access for the duty room's other PCs, how often
 * an unacknowledged alert repeats, start at login. The desktop shell answers these itself
 * (src-main/electron), over the same channel and session as every other call.
 */
interface LanStatus { enabled: boolean; host: string; port: number; urls: string[]; error: string | null }
interface DesktopView {
  lan: LanStatus;
  lanSettings: { enabled: boolean; host: string; port: number };
  repeatMinutes: number;
  startAtLogin: boolean;
}

async function desktopCall(method: 'desktop.settings' | 'desktop.setLan' | 'desktop.setAlerts' | 'desktop.setStartAtLogin', input: unknown, locale: string): Promise<DesktopView> {
  const bridge = window.watchroom;
  if (!bridge) throw new Error('desktop only');
  const r = await bridge.invoke(method, input, locale);
  if (!r.ok) throw new ApiCallError(r.error);
  return r.value as DesktopView;
}

export const isDesktop = () => !!window.watchroom;

export function DesktopSettings() {
  const { t, i18n } = useTranslation('settings');
  // Not station data (the shell's own settings, outside the contract), so not through the query cache.
  const [data, setData] = useState<DesktopView | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    desktopCall('desktop.settings', {}, i18n.language).then(
      (v) => live && setData(v),
      (e: unknown) => live && setError(errorText(e)),
    );
    return () => {
      live = false;
    };
  }, [i18n.language]);
  const [view, setView] = useState<DesktopView | null>(null);
  const [lan, setLan] = useState({ enabled: false, host: '0.0.0.0', port: '8420' });
  const [repeat, setRepeat] = useState('5');
  const [err, setErr] = useState<string | null>(null);
  const [msg, setMsg] = useState<string | null>(null);
  useEffect(() => {
    if (!data) return;
    setView(data);
    setLan({ enabled: data.lanSettings.enabled, host: data.lanSettings.host, port: String(data.lanSettings.port) });
    setRepeat(String(data.repeatMinutes));
  }, [data]);
  const run = async (method: Parameters<typeof desktopCall>[0], input: unknown, done: string) => {
    setErr(null);
    setMsg(null);
    try {
      const v = await desktopCall(method, input, i18n.language);
      setView(v);
      setMsg(v.lan.error ? null : done);
    } catch (e) {
      setErr(errorText(e));
    }
  };
  const status = view?.lan;
  return (
    <div className="card" data-testid="desktop-settings">
      <h3>{t('desktop.lanTitle')}</h3>
      <p className="muted">{t('desktop.lanIntro')}</p>
      <ErrorBanner error={error ?? err ?? status?.error ?? null} />
      {msg ? <div className="banner banner-ok" role="status">{msg}</div> : null}
      <label className="check">
        <input type="checkbox" name="lanEnabled" checked={lan.enabled} onChange={(e) => setLan({ ...lan, enabled: e.target.checked })} /> {t('desktop.lanEnabled')}
      </label>
      <div className="row">
        <Field label={t('desktop.lanHost')} hint={t('desktop.lanHostHint')}>
          <input name="lanHost" value={lan.host} onChange={(e) => setLan({ ...lan, host: e.target.value })} />
        </Field>
        <Field label={t('desktop.lanPort')}>
          <input name="lanPort" inputMode="numeric" value={lan.port} onChange={(e) => setLan({ ...lan, port: e.target.value })} />
        </Field>
      </div>
      <div className="actions">
        <button
          className="primary"
          data-testid="lan-save"
          onClick={() => void run('desktop.setLan', { enabled: lan.enabled, host: lan.host.trim(), port: Number(lan.port) }, lan.enabled ? t('desktop.lanOn') : t('desktop.lanOff'))}
        >
          {t('desktop.save')}
        </button>
      </div>
      {status?.enabled ? (
        <div className="banner banner-warn" style={{ display: "block" }} data-testid="lan-urls">
          {t('desktop.lanUrls')}
          <ul>
            {status.urls.map((u) => (
              <li key={u} className="mono">{u}</li>
            ))}
          </ul>
        </div>
      ) : (
        <p className="muted" data-testid="lan-off">{t('desktop.lanIsOff')}</p>
      )}

      <h3>{t('desktop.alertsTitle')}</h3>
      <div className="row">
        <Field label={t('desktop.repeat')} hint={t('desktop.repeatHint')}>
          <input name="repeatMinutes" inputMode="numeric" value={repeat} onChange={(e) => setRepeat(e.target.value)} />
        </Field>
      </div>
      <div className="actions">
        <button data-testid="alerts-save" onClick={() => void run('desktop.setAlerts', { repeatMinutes: Number(repeat) }, t('desktop.saved'))}>{t('desktop.save')}</button>
      </div>
      <label className="check">
        <input
          type="checkbox"
          name="startAtLogin"
          checked={view?.startAtLogin ?? false}
          onChange={(e) => void run('desktop.setStartAtLogin', { enabled: e.target.checked }, t('desktop.saved'))}
        />{' '}
        {t('desktop.startAtLogin')}
      </label>
    </div>
  );
}
