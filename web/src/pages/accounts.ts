// Accounts: every account that matches the filters, server-paged and sortable, with this month's
// spend, open critical and high findings and the compliance score.

import type { Account } from '../api-types';
import { h } from '../dom';
import { fmtCount, fmtMoney, fmtPercent, fmtTime } from '../format';
import { pageHeader, pageLink, statusBadge } from '../ui/bits';
import { card } from '../ui/card';
import { apiSource, pagedTable } from '../ui/table';
import type { Page } from './page';

export const accountsPage: Page = {
  id: 'accounts',
  title: 'Accounts',
  render: ({ filters, signal }) => {
    const table = pagedTable<Account>({
      signal,
      source: apiSource('accounts', () => filters),
      caption: 'Accounts',
      rowTestId: 'account-row',
      totalTestId: 'accounts-list-total',
      noun: ['account', 'accounts'],
      sort: 'account_name',
      columns: [
        { key: 'account_name', label: 'Account', sortable: true, render: (a) => h('span', { class: 'account' }, pageLink('overview', { account: a.account_id }, a.account_name), h('span', { class: 'mono muted small' }, a.account_id)) },
        { key: 'status', label: 'Status', sortable: true, render: (a) => statusBadge(a.status, a.status === 'ACTIVE' ? 'good' : 'warn') },
        { key: 'customer', label: 'Customer / partner', sortable: true, render: (a) => h('span', { class: 'account' }, a.customer ?? '', a.partner ? h('span', { class: 'muted small' }, a.partner) : null) },
        { key: 'environment', label: 'Environment', sortable: true, render: (a) => a.environment ?? '' },
        { key: 'products', label: 'Products', render: (a) => (a.products ?? []).join(', ') },
        { key: 'spend_this_month', label: 'Spend this month', sortable: true, numeric: true, render: (a) => h('span', { 'data-testid': 'account-spend' }, fmtMoney(a.spend_this_month)) },
        { key: 'findings', label: 'Critical / high', numeric: true, render: (a) => h('span', { class: a.findings?.CRITICAL ? 'bad' : '' }, `${fmtCount(a.findings?.CRITICAL ?? 0)} / ${fmtCount(a.findings?.HIGH ?? 0)}`) },
        { key: 'compliance_score', label: 'Compliance', sortable: true, numeric: true, render: (a) => fmtPercent(a.compliance_score) },
        { key: 'last_document_at', label: 'Last document', sortable: true, render: (a) => h('span', { title: fmtTime(a.last_document_at) }, a.last_document_at?.slice(0, 10) ?? '—') },
      ],
    });
    return [pageHeader('Accounts'), card('Accounts', { description: 'Choose an account to see its overview' }, table)];
  },
};
