import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';

/** Each feature keeps its own namespace file: locales/<lang>/<feature>.json. */
const files = import.meta.glob('./locales/*/*.json', { eager: true, import: 'default' }) as Record<string, Record<string, unknown>>;
const resources: Record<string, Record<string, Record<string, unknown>>> = {};
for (const [p, content] of Object.entries(files)) {
  const [, lang, ns] = /\.\/locales\/([^/]+)\/([^/]+)\.json$/.exec(p)!;
  (resources[lang] ??= {})[ns] = content;
}

export const LANGS = ['zh-CN', 'en'] as const;
const saved = localStorage.getItem('watchroom.lang');

void i18n.use(initReactI18next).init({
  resources,
  lng: saved === 'en' ? 'en' : 'zh-CN',
  fallbackLng: 'zh-CN',
  ns: Object.keys(resources['zh-CN'] ?? {}),
  defaultNS: 'common',
  interpolation: { escapeValue: false },
  returnNull: false,
});

export default i18n;
