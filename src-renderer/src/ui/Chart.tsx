import { forwardRef, useEffect, useImperativeHandle, useRef } from 'react';
import * as echarts from 'echarts/core';
import { BarChart, LineChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

// Only what the statistics draw: keeps the bundle small and needs no eval (strict CSP).
echarts.use([BarChart, LineChart, PieChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export type ChartOption = echarts.EChartsCoreOption;

export interface ChartHandle {
  /** The chart as a PNG data URL (white background, for printing and reports). */
  png(): string | null;
}

/** One ECharts canvas that follows its box's size; `onPick` gets the clicked item's name. */
export const Chart = forwardRef<ChartHandle, { option: ChartOption; height?: number; onPick?: (name: string) => void; label: string }>(function Chart(
  { option, height = 280, onPick, label },
  ref,
) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const pick = useRef(onPick);
  pick.current = onPick;

  useEffect(() => {
    const c = echarts.init(box.current!, undefined, { renderer: 'canvas' });
    chart.current = c;
    c.on('click', (p) => pick.current?.(String((p as { name?: string }).name ?? '')));
    const ro = new ResizeObserver(() => c.resize());
    ro.observe(box.current!);
    return () => {
      ro.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption({ animation: false, textStyle: { fontFamily: 'inherit' }, ...option }, true);
  }, [option]);

  useImperativeHandle(ref, () => ({ png: () => chart.current?.getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: '#fff' }) ?? null }), []);

  return <div ref={box} className="chart" style={{ height }} role="img" aria-label={label} data-testid="chart" />;
});
