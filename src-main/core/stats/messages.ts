import type { MessageTables } from '../i18n/tables';

export const statsMessages: MessageTables = {
  'zh-CN': {
    'field.dateRange': '结束日期不能早于开始日期。',
    'field.statsPeriod': '统计期间应在 2000 年至 2100 年之间。',
  },
  en: {
    'field.dateRange': 'The end date cannot be before the start date.',
    'field.statsPeriod': 'The period must lie between 2000 and 2100.',
  },
};
