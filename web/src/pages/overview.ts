// Overview: spend this month against last month and the forecast, findings by severity, the
// compliance score, and the accounts that need attention.

import { getJson } from '../api';
import { type Overview, SEVERITIES } from '../api-types';
import { h } from '../dom';
import { fmtCount, fmtMoney, fmtPercent, fmtSignedPercent } from '../format';
import { block } from '../ui/block';
import { accountCell, meter, pageHeader, pageLink, severityBadge } from '../ui/bits';
import { card, stat } from '../ui/card';
import { axisMoney, chart, tipMoney } from '../ui/chart';
import { arraySource, pagedTable } from '../ui/table';
import type { Page } from './page';

export const overviewPage: Page = {
  id: 'overview',
  title: 'Overview',
  render: ({ filters, signal }) => {
    const body = block<Overview>({
      signal,
      testid: 'overview',
      load: (s) => getJson<Overview>('overview', filters, s),
      isEmpty: (o) => o.accounts_total === 0,
      empty: 'No accounts match these filters.',
      render: (o) => {
        const change = o.spend_last_month_to_date ? (100 * (o.spend_this_month - o.spend_last_month_to_date)) / o.spend_last_month_to_date : null;
        return [
          h('p', { class: 'muted' }, 'Data up to ', h('strong', { 'data-testid': 'latest-data-date' }, o.latest_data_date ?? '—'),
            ' · ', h('span', { 'data-testid': 'accounts-total', 'data-value': String(o.accounts_total) }, fmtCount(o.accounts_total)), o.accounts_total === 1 ? ' account' : ' accounts'),
          h('div', { class: 'grid stats' },
            stat('Spend this month', fmtMoney(o.spend_this_month), {
              testid: 'spend-this-month', raw: o.spend_this_month,
              sub: [h('span', { class: change !== null && change > 0 ? 'up' : 'down', 'data-testid': 'spend-change-pct' }, fmtSignedPercent(change === null ? null : Math.round(change * 10) / 10)),
                ' vs the same days last month (', h('span', { 'data-testid': 'spend-last-month-to-date' }, fmtMoney(o.spend_last_month_to_date)), ')'],
            }),
            stat('Spend last month', fmtMoney(o.spend_last_month), { testid: 'spend-last-month', raw: o.spend_last_month }),
            stat('Forecast this month', fmtMoney(o.forecast_this_month), { testid: 'forecast-this-month', raw: o.forecast_this_month, sub: o.forecast_this_month === null ? 'No forecast yet' : 'At the current daily rate' }),
            stat('Compliance score', fmtPercent(o.compliance_score), { testid: 'compliance-score', raw: o.compliance_score, sub: meter(o.compliance_score, 'Compliance score') })),
          h('div', { class: 'grid two' },
            card('Spend', { description: 'This month so far against last month and the forecast' },
              chart({
                grid: { left: 70, right: 16, top: 16, bottom: 44 },
                tooltip: { trigger: 'axis', valueFormatter: tipMoney },
                xAxis: { type: 'category', data: ['Last month', 'Last month\nto date', 'This month\nto date', 'Forecast'], axisLabel: { interval: 0, lineHeight: 15 } },
                yAxis: { type: 'value', axisLabel: { formatter: axisMoney } },
                series: [{
                  type: 'bar', barMaxWidth: 56,
                  data: [
                    { value: o.spend_last_month, itemStyle: { color: '#9aa5b1' } },
                    { value: o.spend_last_month_to_date, itemStyle: { color: '#c3cad3' } },
                    { value: o.spend_this_month, itemStyle: { color: '#4e79a7' } },
                    { value: o.forecast_this_month, itemStyle: { color: '#a0cbe8', borderColor: '#4e79a7', borderType: 'dashed', borderWidth: 1 } },
                  ],
                }],
              }, { label: 'Bar chart of spend: last month, last month to date, this month to date and the forecast', height: 260, testid: 'chart-spend' })),
            card('Open findings by severity', { description: 'Security findings not yet resolved' },
              h('ul', { class: 'severity-tiles' },
                SEVERITIES.map((s) => h('li', { class: `sev-tile sev-${s}` },
                  pageLink('security', { severity: s },
                    h('span', { class: 'sev-count', 'data-testid': `findings-${s}`, 'data-value': String(o.findings_by_severity[s] ?? 0) }, fmtCount(o.findings_by_severity[s] ?? 0)),
                    severityBadge(s))))),
              h('p', { class: 'muted' }, h('strong', { 'data-testid': 'findings-open-total' }, fmtCount(SEVERITIES.reduce((n, s) => n + (o.findings_by_severity[s] ?? 0), 0))),
                ' open findings. ', pageLink('security', {}, 'See them on the Security page')))),
          card(`Accounts that need attention`, {
            description: 'Critical findings, low compliance or no recent document',
            actions: h('span', { class: 'count-pill', 'data-testid': 'attention-count' }, fmtCount(o.accounts_attention.length)),
          },
          o.accounts_attention.length === 0
            ? h('p', { class: 'state state-empty', 'data-testid': 'attention-empty' }, 'No account needs attention.')
            : pagedTable<Overview['accounts_attention'][number]>({
                signal,
                source: arraySource(o.accounts_attention),
                caption: 'Accounts that need attention',
                rowTestId: 'attention-row',
                totalTestId: 'attention-total',
                noun: ['account', 'accounts'],
                pageSize: 10,
                columns: [
                  { key: 'account_id', label: 'Account', sortable: true, render: (a) => pageLink('overview', { account: a.account_id }, accountCell(a.account_id, a.account_name)) },
                  { key: 'reasons', label: 'Why', render: (a) => h('ul', { class: 'reasons' }, a.reasons.map((r) => h('li', { class: 'reason' }, r))) },
                ],
              })),
        ];
      },
    });
    return [pageHeader('Overview'), body.el];
  },
};
