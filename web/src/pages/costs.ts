// Costs: spend stacked by service or account over time (daily or monthly), the top movers
// against the previous period of equal length, and the forecast.

import { getJson } from '../api';
import type { CostMover, CostsOverTime, Forecast } from '../api-types';
import { h } from '../dom';
import { fmtDay, fmtMoney, fmtMonth, fmtPercent, fmtSignedMoney, fmtSignedPercent } from '../format';
import { updateParams } from '../state';
import { block } from '../ui/block';
import { pageHeader } from '../ui/bits';
import { card, segmented, selectControl, stat } from '../ui/card';
import { OTHER_COLOR, PALETTE, axisMoney, chart, tipMoney } from '../ui/chart';
import { apiSource, pagedTable } from '../ui/table';
import type { Page } from './page';

/** 'YYYY-MM' minus n months → the first day of that month, 'YYYY-MM-01'. */
function monthsBack(ym: string, n: number): string {
  const total = Number(ym.slice(0, 4)) * 12 + Number(ym.slice(5, 7)) - 1 - n;
  return `${Math.floor(total / 12)}-${String((total % 12) + 1).padStart(2, '0')}-01`;
}

export const costsPage: Page = {
  id: 'costs',
  title: 'Costs',
  render: ({ params, filters, signal }) => {
    const groupBy = params.get('group_by') === 'account' ? 'account' : 'service';
    const period = params.get('period') === 'monthly' ? 'monthly' : 'daily';
    const top = ['5', '10', '20'].includes(params.get('top') ?? '') ? params.get('top')! : '10';
    const noun = groupBy === 'service' ? 'service' : 'account';

    const controls = h('div', { class: 'toolbar' },
      segmented('Group by', 'group_by', groupBy, [['service', 'Service'], ['account', 'Account']], (v) => updateParams({ group_by: v === 'service' ? null : v })),
      segmented('Period', 'period', period, [['daily', 'Daily'], ['monthly', 'Monthly']], (v) => updateParams({ period: v === 'daily' ? null : v })),
      selectControl('Show top', 'top', top, [['5', '5'], ['10', '10'], ['20', '20']], (v) => updateParams({ top: v === '10' ? null : v })));

    const overTime = block<CostsOverTime>({
      signal,
      testid: 'costs-over-time',
      load: (s) => getJson<CostsOverTime>(`costs/${period}`, { ...filters, group_by: groupBy, top }, s),
      isEmpty: (c) => c.series.length === 0,
      empty: 'No costs in this date range for these filters.',
      render: (c) => {
        const buckets = (period === 'daily' ? c.dates : c.months) ?? [];
        // The default range is 30 days: too short to compare months. Offer longer ones, counted
        // back from the last month the API answered (the month of the latest data).
        const last = buckets[buckets.length - 1];
        const ranges = period === 'monthly' && last
          ? h('div', { class: 'inline-form', role: 'group', 'aria-label': 'Range' },
              h('span', { class: 'muted small' }, 'Range:'),
              [3, 6, 12].map((n) => {
                const from = monthsBack(last, n - 1);
                return h('button', {
                  type: 'button', class: 'button', 'aria-pressed': filters.from === from && !filters.to ? 'true' : 'false',
                  'data-focus-key': `range-${n}`, 'data-testid': `range-${n}-months`,
                  onclick: () => updateParams({ from, to: null }),
                }, `${n} months`);
              }))
          : null;
        const labels = buckets.map((b) => (period === 'daily' ? fmtDay(b) : fmtMonth(b)));
        const sums = c.series.map((s) => s.values.reduce((a, b) => a + b, 0));
        const unit = period === 'daily' ? 'day' : 'month';
        const withCosts = buckets.filter((_, i) => c.series.some((s) => (s.values[i] ?? 0) !== 0)).length;
        return [
          h('div', { class: 'grid stats compact' },
            stat(`Total, ${buckets.length} ${period === 'daily' ? (buckets.length === 1 ? 'day' : 'days') : buckets.length === 1 ? 'month' : 'months'}`, fmtMoney(c.total), { testid: 'costs-total', raw: c.total }),
            stat(`Per ${unit}, average`, fmtMoney(withCosts ? c.total / withCosts : 0), {
              testid: 'costs-average',
              // A range that reaches back before the first collection: average the days that
              // have costs, and say so, rather than count empty days as free.
              sub: withCosts < buckets.length ? `Over the ${withCosts} ${withCosts === 1 ? unit : `${unit}s`} with costs` : undefined,
            })),
          ranges,
          h('div', { class: 'grid chart-and-table' },
            chart({
              color: c.series.map((s, i) => (s.key === 'Other' ? OTHER_COLOR : PALETTE[i % PALETTE.length])),
              grid: { left: 64, right: 8, top: 12, bottom: 28 },
              tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: tipMoney, confine: true },
              xAxis: { type: 'category', data: labels },
              yAxis: { type: 'value', axisLabel: { formatter: axisMoney } },
              series: c.series.map((s) => ({ name: s.label, type: 'bar', stack: 'total', emphasis: { focus: 'series' }, data: s.values, barMaxWidth: 48 })),
            }, { label: `Stacked bar chart of ${period} spend by ${noun}`, height: 400, testid: 'chart-costs' }),
            // The chart's legend, with each series' sum: a table, so it can be read without the chart.
            h('div', { class: 'table-scroll', role: 'region', 'aria-label': `Spend by ${noun}`, tabindex: '0' },
              h('table', { class: 'data' },
                h('caption', { class: 'visually-hidden' }, `Spend by ${noun} in the period`),
                h('thead', null, h('tr', null, h('th', { scope: 'col' }, noun === 'service' ? 'Service' : 'Account'), h('th', { scope: 'col', class: 'num' }, 'Spend'), h('th', { scope: 'col', class: 'num' }, 'Share'))),
                h('tbody', null, c.series.map((s, i) => h('tr', { 'data-testid': 'cost-series-row' },
                  h('th', { scope: 'row', class: 'series-label' }, h('span', { class: 'swatch', style: `background:${s.key === 'Other' ? OTHER_COLOR : PALETTE[i % PALETTE.length]}`, 'aria-hidden': 'true' }), s.label,
                    groupBy === 'account' && s.key !== 'Other' ? h('span', { class: 'muted small mono' }, ` ${s.key}`) : null),
                  h('td', { class: 'num', 'data-testid': 'cost-series-sum' }, fmtMoney(Math.round(sums[i] * 100) / 100)),
                  h('td', { class: 'num' }, fmtPercent(c.total ? (100 * sums[i]) / c.total : null)))))))),
        ];
      },
    });

    const movers = pagedTable<CostMover>({
      signal,
      source: apiSource('costs/movers', () => ({ ...filters, group_by: groupBy })),
      caption: `Top movers by ${noun}`,
      rowTestId: 'mover-row',
      totalTestId: 'movers-total',
      noun: [noun, `${noun}s`],
      pageSize: 10,
      empty: 'No spend in this period or the one before.',
      columns: [
        { key: 'label', label: noun === 'service' ? 'Service' : 'Account', sortable: true, render: (m) => [m.label, groupBy === 'account' ? h('span', { class: 'muted small mono' }, ` ${m.key}`) : null] },
        { key: 'previous', label: 'Previous period', numeric: true, sortable: true, render: (m) => fmtMoney(m.previous) },
        { key: 'current', label: 'This period', numeric: true, sortable: true, render: (m) => fmtMoney(m.current) },
        { key: 'change', label: 'Change', numeric: true, sortable: true, render: (m) => h('span', { class: m.change > 0 ? 'up' : m.change < 0 ? 'down' : '', 'data-testid': 'mover-change' }, fmtSignedMoney(m.change)) },
        { key: 'change_pct', label: 'Change %', numeric: true, sortable: true, render: (m) => h('span', { class: (m.change_pct ?? 0) > 0 ? 'up' : (m.change_pct ?? 0) < 0 ? 'down' : '' }, fmtSignedPercent(m.change_pct)) },
      ],
    });

    const forecast = block<Forecast>({
      signal,
      testid: 'forecast',
      load: (s) => getJson<Forecast>('costs/forecast', filters, s),
      isEmpty: (f) => f.items.length === 0,
      empty: 'No forecast for these filters.',
      render: (f) => h('div', { class: 'grid stats compact' },
        f.items.map((i) => stat(`Forecast, ${fmtMonth(i.period_start.slice(0, 7))}`, fmtMoney(i.amount), {
          testid: 'forecast-amount', raw: i.amount, sub: `${i.period_start} – ${i.period_end}`,
        }))),
    });

    return [
      pageHeader('Costs', controls),
      card(`Spend by ${noun}, ${period}`, { description: `The top ${top} ${noun}s; the rest are summed into “Other”` }, overTime.el),
      card('Forecast', { description: 'At the recent daily rate: the month of the end of the range, and the next' }, forecast.el),
      card('Top movers', { description: 'This period against the previous period of the same length, largest change first' }, movers),
    ];
  },
};
