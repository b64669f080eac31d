import { AgGridReact, type AgGridReactProps } from 'ag-grid-react';
import { AllCommunityModule, ModuleRegistry, themeQuartz } from 'ag-grid-community';
import { AG_GRID_LOCALE_CN, AG_GRID_LOCALE_EN } from '@ag-grid-community/locale';
import { useTranslation } from 'react-i18next';

ModuleRegistry.registerModules([AllCommunityModule]);

const theme = themeQuartz.withParams({
  fontFamily: '"Noto Sans CJK SC", "Microsoft YaHei", "PingFang SC", sans-serif',
  fontSize: 13,
  headerBackgroundColor: '#eef2f7',
  rowHeight: 34,
  headerHeight: 36,
  accentColor: '#1d4e89',
});

/** AG Grid with the app's theme and the current UI language's locale (zh-CN by default). */
export function Grid<T>(props: AgGridReactProps<T> & { height?: number | string }) {
  const { i18n } = useTranslation();
  const { height = 420, ...rest } = props;
  return (
    <div style={{ height, width: '100%' }}>
      <AgGridReact<T>
        key={i18n.language /* the locale text is read once at creation */}
        theme={theme}
        localeText={i18n.language === 'en' ? AG_GRID_LOCALE_EN : AG_GRID_LOCALE_CN}
        {...rest}
      />
    </div>
  );
}
