// Compliance: the AWS Config score overall and per account, its trend, and the non-compliant
// resources (server-paged).

import { getJson } from '../api';
import type { Compliance, NonCompliantResource } from '../api-types';
import { h } from '../dom';
import { fmtCount, fmtDay, fmtPercent } from '../format';
import { block } from '../ui/block';
import { accountCell, meter, pageHeader } from '../ui/bits';
import { card, stat } from '../ui/card';
import { chart, tipPercent } from '../ui/chart';
import { apiSource, arraySource, pagedTable } from '../ui/table';
import type { Page } from './page';

export const compliancePage: Page = {
  id: 'compliance',
  title: 'Compliance',
  render: ({ filters, signal }) => {
    const main = block<Compliance>({
      signal,
      testid: 'compliance',
      load: (s) => getJson<Compliance>('compliance', filters, s),
      isEmpty: (c) => c.accounts.length === 0 && c.trend.dates.length === 0,
      empty: 'No compliance data for these filters.',
      render: (c) => {
        const nonCompliant = c.accounts.reduce((s, a) => s + a.non_compliant_rules, 0);
        const total = c.accounts.reduce((s, a) => s + a.total_rules, 0);
        return [
          h('div', { class: 'grid stats' },
            stat('Compliance score', fmtPercent(c.score), { testid: 'compliance-score', raw: c.score, sub: meter(c.score, 'Compliance score') }),
            stat('Accounts reporting', fmtCount(c.accounts.length), { testid: 'compliance-accounts', raw: c.accounts.length }),
            stat('Non-compliant rules', fmtCount(nonCompliant), { testid: 'compliance-noncompliant-rules', raw: nonCompliant, sub: `of ${fmtCount(total)} rule evaluations` })),
          h('div', { class: 'grid two' },
            card('Score over time', {},
              c.trend.dates.length
                ? chart({
                    grid: { left: 50, right: 16, top: 16, bottom: 30 },
                    tooltip: { trigger: 'axis', valueFormatter: tipPercent },
                    xAxis: { type: 'category', boundaryGap: false, data: c.trend.dates.map(fmtDay) },
                    yAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
                    series: [{ type: 'line', name: 'Score', data: c.trend.scores, showSymbol: false, connectNulls: false, areaStyle: { opacity: 0.12 }, itemStyle: { color: '#59a14f' } }],
                  }, { label: 'Line chart of the compliance score per day', height: 280, testid: 'chart-compliance-trend' })
                : h('p', { class: 'muted' }, 'No history in this range.')),
            card('Score per account', { description: 'Lowest first' },
              pagedTable<Compliance['accounts'][number]>({
                signal,
                source: arraySource(c.accounts),
                caption: 'Compliance score per account',
                rowTestId: 'compliance-account-row',
                totalTestId: 'compliance-accounts-total',
                noun: ['account', 'accounts'],
                pageSize: 10,
                sort: 'compliance_score',
                columns: [
                  { key: 'account_id', label: 'Account', sortable: true, render: (a) => accountCell(a.account_id, a.account_name) },
                  { key: 'compliance_score', label: 'Score', sortable: true, numeric: true, render: (a) => h('span', { class: 'score' }, h('span', { 'data-testid': 'account-compliance-score' }, fmtPercent(a.compliance_score)), meter(a.compliance_score, `Compliance of ${a.account_name}`)) },
                  { key: 'non_compliant_rules', label: 'Non-compliant', sortable: true, numeric: true, render: (a) => `${fmtCount(a.non_compliant_rules)} / ${fmtCount(a.total_rules)}` },
                  { key: 'date', label: 'As of', sortable: true, render: (a) => a.date },
                ],
              }))),
        ];
      },
    });

    const resources = pagedTable<NonCompliantResource>({
      signal,
      source: apiSource('compliance/resources', () => filters),
      caption: 'Non-compliant resources',
      rowTestId: 'noncompliant-row',
      totalTestId: 'noncompliant-total',
      noun: ['resource', 'resources'],
      empty: 'No non-compliant resources. Well done.',
      columns: [
        { key: 'account_id', label: 'Account', sortable: true, render: (r) => accountCell(r.account_id) },
        { key: 'rule_name', label: 'Rule', sortable: true, render: (r) => h('span', { class: 'mono small' }, r.rule_name) },
        { key: 'resource_type', label: 'Type', sortable: true, render: (r) => r.resource_type },
        { key: 'resource_id', label: 'Resource', sortable: true, render: (r) => h('span', { class: 'mono small' }, r.resource_id) },
        { key: 'annotation', label: 'Why', className: 'wrap', render: (r) => r.annotation ?? '' },
        { key: 'date', label: 'Date', sortable: true, render: (r) => r.date },
      ],
    });

    return [pageHeader('Compliance'), main.el, card('Non-compliant resources', {}, resources)];
  },
};
