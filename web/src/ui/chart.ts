// Apache ECharts, only the parts the dashboard draws (bar and line charts, SVG renderer), so the
// bundle stays small. chart() returns a container that initialises the chart once it is laid
// out, follows its size, and is disposed with disposeCharts() when its area is re-rendered.

import { BarChart, type BarSeriesOption, LineChart, type LineSeriesOption } from 'echarts/charts';
import {
  AriaComponent, type AriaComponentOption, GridComponent, type GridComponentOption, LegendComponent,
  type LegendComponentOption, TooltipComponent, type TooltipComponentOption,
} from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { h } from '../dom';
import { fmtMoney, fmtMoneyCompact, fmtPercent } from '../format';

echarts.use([BarChart, LineChart, GridComponent, TooltipComponent, LegendComponent, AriaComponent, SVGRenderer]);

export type ChartOption = echarts.ComposeOption<
  BarSeriesOption | LineSeriesOption | GridComponentOption | TooltipComponentOption | LegendComponentOption | AriaComponentOption
>;

// A colour-blind-friendly qualitative palette (Tableau 10); "Other" is grey.
export const PALETTE = ['#4e79a7', '#f28e2b', '#e15759', '#76b7b2', '#59a14f', '#edc948', '#b07aa1', '#ff9da7', '#9c755f', '#86bcb6', '#d37295', '#a0cbe8'];
export const OTHER_COLOR = '#bab0ac';
export const SEVERITY_COLORS: Record<string, string> = {
  CRITICAL: '#a4161a',
  HIGH: '#e8590c',
  MEDIUM: '#f2b01e',
  LOW: '#4e79a7',
  INFORMATIONAL: '#9aa5b1',
};

const live = new Set<{ el: HTMLElement; chart: echarts.ECharts | null; observer: ResizeObserver }>();

export function chart(option: ChartOption, opts: { label: string; height?: number; testid?: string }): HTMLElement {
  const el = h('div', { class: 'chart', style: `height:${opts.height ?? 300}px`, 'data-testid': opts.testid, role: 'img', 'aria-label': opts.label });
  const entry = { el, chart: null as echarts.ECharts | null, observer: new ResizeObserver(() => {
    if (!el.isConnected || el.clientWidth === 0) return;
    if (!entry.chart) {
      entry.chart = echarts.init(el, null, { renderer: 'svg' });
      entry.chart.setOption({
        animation: false, // a dashboard re-renders on every filter change; animation only delays it
        textStyle: { fontFamily: 'inherit' },
        aria: { enabled: true, label: { description: opts.label } },
        ...option,
      });
      el.dataset.ready = 'true';
    } else {
      entry.chart.resize();
    }
  }) };
  entry.observer.observe(el);
  live.add(entry);
  return el;
}

/** Disposes the charts inside `container` (all when omitted). */
export function disposeCharts(container?: Element): void {
  for (const entry of live) {
    if (container && !container.contains(entry.el)) continue;
    entry.observer.disconnect();
    entry.chart?.dispose();
    live.delete(entry);
  }
}

/** Axis labels: $1.2K, $3M. */
export const axisMoney = (v: number): string => fmtMoneyCompact(v);

/** Tooltip value formatters for ECharts' loose value type. */
export const tipMoney = (v: unknown): string => (typeof v === 'number' ? fmtMoney(v) : '—');
export const tipPercent = (v: unknown): string => (typeof v === 'number' ? fmtPercent(v) : '—');
