// Events: AWS Health events and support cases, server-paged.

import type { HealthEvent, SupportCase } from '../api-types';
import { h } from '../dom';
import { fmtTime } from '../format';
import { accountCell, pageHeader, statusBadge } from '../ui/bits';
import { card } from '../ui/card';
import { apiSource, pagedTable } from '../ui/table';
import type { Page } from './page';

export const eventsPage: Page = {
  id: 'events',
  title: 'Health & support',
  render: ({ filters, signal }) => {
    const health = pagedTable<HealthEvent>({
      signal,
      source: apiSource('health-events', () => filters),
      caption: 'AWS Health events',
      rowTestId: 'health-row',
      totalTestId: 'health-total',
      noun: ['event', 'events'],
      sort: '-start_time',
      columns: [
        { key: 'start_time', label: 'Start', sortable: true, render: (e) => fmtTime(e.start_time) },
        { key: 'end_time', label: 'End', sortable: true, render: (e) => fmtTime(e.end_time) },
        { key: 'status_code', label: 'Status', sortable: true, render: (e) => statusBadge(e.status_code, e.status_code === 'open' ? 'warn' : 'neutral') },
        { key: 'service', label: 'Service', sortable: true, render: (e) => e.service },
        { key: 'event_type_code', label: 'Event', sortable: true, className: 'wrap', render: (e) => h('span', { class: 'mono small', title: e.arn }, e.event_type_code) },
        { key: 'account_id', label: 'Account', sortable: true, render: (e) => accountCell(e.account_id) },
        { key: 'region', label: 'Region', sortable: true, render: (e) => e.region },
      ],
    });
    const cases = pagedTable<SupportCase>({
      signal,
      source: apiSource('support-cases', () => filters),
      caption: 'Support cases',
      rowTestId: 'case-row',
      totalTestId: 'cases-total',
      noun: ['case', 'cases'],
      sort: '-time_created',
      columns: [
        { key: 'time_created', label: 'Opened', sortable: true, render: (c) => fmtTime(c.time_created) },
        { key: 'display_id', label: 'Case', sortable: true, render: (c) => h('span', { class: 'mono' }, c.display_id) },
        { key: 'subject', label: 'Subject', sortable: true, className: 'wrap', render: (c) => c.subject },
        { key: 'status', label: 'Status', sortable: true, render: (c) => statusBadge(c.status, c.status === 'resolved' ? 'good' : 'warn') },
        { key: 'severity_code', label: 'Severity', sortable: true, render: (c) => c.severity_code },
        { key: 'service_code', label: 'Service', sortable: true, render: (c) => c.service_code },
        { key: 'account_id', label: 'Account', sortable: true, render: (c) => accountCell(c.account_id) },
      ],
    });
    return [pageHeader('Health & support'), card('AWS Health events', {}, health), card('Support cases', {}, cases)];
  },
};
