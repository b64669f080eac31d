import { useTranslation } from 'react-i18next';
import { api } from '../api/client';

/** Switches the whole UI (and the language of server messages) at runtime. */
export function LangSwitch({ persist }: { persist?: boolean }) {
  const { t, i18n } = useTranslation();
  const toggle = () => {
    const next = i18n.language === 'en' ? 'zh-CN' : 'en';
    void i18n.changeLanguage(next);
    localStorage.setItem('watchroom.lang', next);
    document.documentElement.lang = next;
    api.setLocale(next);
    if (persist) void api.send('auth.setLocale', { locale: next }).catch(() => undefined);
  };
  return (
    <button type="button" className="lang-switch" onClick={toggle} data-testid="lang-switch">
      {t('lang.switch')}
    </button>
  );
}
