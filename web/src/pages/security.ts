// Security: open findings by severity, service and account; the trend of open findings; and the
// findings table (server-paged), filtered by severity and status.

import { getJson } from '../api';
import { type Finding, SEVERITIES, type SecuritySummary, type SecurityTrend, type Severity } from '../api-types';
import { h } from '../dom';
import { fmtCount, fmtDay, fmtTime } from '../format';
import { updateParams } from '../state';
import { block } from '../ui/block';
import { accountCell, pageHeader, severityBadge, statusBadge } from '../ui/bits';
import { card, selectControl } from '../ui/card';
import { PALETTE, SEVERITY_COLORS, chart } from '../ui/chart';
import { apiSource, pagedTable } from '../ui/table';
import type { Page } from './page';

const STATUSES = ['NEW', 'NOTIFIED', 'RESOLVED', 'SUPPRESSED'];
const TOP_ACCOUNTS = 10;

export const securityPage: Page = {
  id: 'security',
  title: 'Security',
  render: ({ params, filters, signal }) => {
    const severity = (SEVERITIES as readonly string[]).includes(params.get('severity') ?? '') ? params.get('severity')! : '';
    const status = params.get('status') ?? '';

    const summary = block<SecuritySummary>({
      signal,
      testid: 'security-summary',
      load: (s) => getJson<SecuritySummary>('security/summary', filters, s),
      render: (sum) => {
        const accounts = [...sum.by_account]
          .sort((a, b) => b.CRITICAL - a.CRITICAL || b.HIGH - a.HIGH || a.account_id.localeCompare(b.account_id))
          .slice(0, TOP_ACCOUNTS);
        const services = sum.by_service.slice(0, 10);
        return [
          h('ul', { class: 'severity-tiles' }, SEVERITIES.map((s) => h('li', { class: `sev-tile sev-${s}` },
            h('button', {
              type: 'button', class: 'sev-button', 'aria-pressed': severity === s ? 'true' : 'false', 'data-focus-key': `sev-${s}`,
              title: `Show ${s.toLowerCase()} findings in the table`,
              onclick: () => updateParams({ severity: severity === s ? null : s }),
            },
            h('span', { class: 'sev-count', 'data-testid': `summary-${s}`, 'data-value': String(sum.by_severity[s] ?? 0) }, fmtCount(sum.by_severity[s] ?? 0)),
            severityBadge(s))))),
          h('div', { class: 'grid two' },
            h('div', null, h('h3', null, 'Open findings by service'),
              services.length
                ? chart({
                    grid: { left: 90, right: 24, top: 8, bottom: 24 },
                    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
                    xAxis: { type: 'value', minInterval: 1 },
                    yAxis: { type: 'category', inverse: true, data: services.map((x) => x.service) },
                    series: [{ type: 'bar', data: services.map((x) => x.count), itemStyle: { color: PALETTE[0] }, barMaxWidth: 18 }],
                  }, { label: 'Bar chart of open findings by service', height: Math.max(140, 28 * services.length + 40), testid: 'chart-by-service' })
                : h('p', { class: 'muted' }, 'No open findings.')),
            h('div', null, h('h3', null, `Accounts with the most critical and high findings`),
              accounts.length
                ? h('div', { class: 'table-scroll', role: 'region', 'aria-label': 'Accounts with the most findings', tabindex: '0' }, h('table', { class: 'data' },
                    h('caption', { class: 'visually-hidden' }, 'Open findings per account'),
                    h('thead', null, h('tr', null, h('th', { scope: 'col' }, 'Account'), SEVERITIES.map((s) => h('th', { scope: 'col', class: 'num' }, severityBadge(s))))),
                    h('tbody', null, accounts.map((a) => h('tr', { 'data-testid': 'security-account-row' },
                      h('td', null, accountCell(a.account_id, a.account_name)),
                      SEVERITIES.map((s) => h('td', { class: 'num' }, fmtCount(a[s]))))))))
                : h('p', { class: 'muted' }, 'No open findings.'))),
        ];
      },
    });

    const trend = block<SecurityTrend>({
      signal,
      testid: 'security-trend',
      load: (s) => getJson<SecurityTrend>('security/trend', filters, s),
      isEmpty: (t) => t.dates.length === 0,
      empty: 'No findings in this date range.',
      render: (t) => chart({
        color: SEVERITIES.map((s) => SEVERITY_COLORS[s]),
        grid: { left: 50, right: 16, top: 40, bottom: 30 },
        tooltip: { trigger: 'axis' },
        legend: { top: 0 },
        xAxis: { type: 'category', boundaryGap: false, data: t.dates.map(fmtDay) },
        yAxis: { type: 'value', minInterval: 1 },
        series: SEVERITIES.map((s: Severity) => ({ name: s, type: 'line', stack: 'open', areaStyle: { opacity: 0.85 }, showSymbol: false, lineStyle: { width: 1 }, data: t.series[s] ?? [] })),
      }, { label: 'Stacked area chart of open findings per day by severity', height: 300, testid: 'chart-security-trend' }),
    });

    const findings = pagedTable<Finding>({
      signal,
      source: apiSource('security/findings', () => ({ ...filters, severity, status })),
      caption: 'Security findings',
      rowTestId: 'finding-row',
      totalTestId: 'findings-total',
      noun: ['finding', 'findings'],
      sort: '-updated_at',
      columns: [
        { key: 'severity', label: 'Severity', sortable: true, render: (f) => severityBadge(f.severity) },
        { key: 'title', label: 'Finding', sortable: true, className: 'wrap', render: (f) => h('span', { title: f.finding_id }, f.title) },
        { key: 'account_id', label: 'Account', sortable: true, render: (f) => accountCell(f.account_id) },
        { key: 'service', label: 'Service', sortable: true, render: (f) => f.service },
        { key: 'resource_id', label: 'Resource', sortable: true, render: (f) => h('span', null, h('span', { class: 'mono small' }, f.resource_id), h('span', { class: 'muted small block' }, `${f.resource_type} · ${f.region}`)) },
        { key: 'status', label: 'Status', sortable: true, render: (f) => statusBadge(f.status, f.status === 'RESOLVED' ? 'good' : f.status === 'SUPPRESSED' ? 'neutral' : 'warn') },
        { key: 'updated_at', label: 'Updated', sortable: true, render: (f) => h('span', { title: fmtTime(f.updated_at) }, f.updated_at.slice(0, 10)) },
      ],
    });

    return [
      pageHeader('Security'),
      card('Open findings', { description: 'Choose a severity to filter the table below' }, summary.el),
      card('Open findings over time', {}, trend.el),
      card('Findings', {
        actions: [
          selectControl('Severity', 'severity', severity, [['', 'Any'], ...SEVERITIES.map((s): [string, string] => [s, s])], (v) => updateParams({ severity: v || null })),
          selectControl('Status', 'status', status, [['', 'Any'], ...STATUSES.map((s): [string, string] => [s, s])], (v) => updateParams({ status: v || null })),
        ],
      }, findings),
    ];
  },
};
