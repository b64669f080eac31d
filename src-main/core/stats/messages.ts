import type { MessageTables } from '../i18n/tables';

export const statsMessages: MessageTables = {
  'zh-CN': {
    'field.dateRange': '结束日期不能早于开始日期。',
  },
  en: {
    'field.dateRange': 'The end date cannot be before the start date.',
  },
};
