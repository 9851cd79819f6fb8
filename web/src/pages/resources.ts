// Resources: counts by service and type, and the resource table (server-paged), filtered by
// service, type and region.

import { getJson } from '../api';
import type { Resource, ResourceSummary } from '../api-types';
import { h } from '../dom';
import { fmtCount } from '../format';
import { updateParams } from '../state';
import { block } from '../ui/block';
import { accountCell, pageHeader, statusBadge } from '../ui/bits';
import { card, stat } from '../ui/card';
import { PALETTE, chart } from '../ui/chart';
import { apiSource, pagedTable } from '../ui/table';
import type { Page } from './page';

const GOOD_STATES = new Set(['running', 'available', 'active', 'in-use']);

export const resourcesPage: Page = {
  id: 'resources',
  title: 'Resources',
  render: ({ params, filters, signal }) => {
    const service = params.get('service') ?? '';
    const type = params.get('type') ?? '';
    const region = params.get('region') ?? '';

    const summary = block<ResourceSummary>({
      signal,
      testid: 'resources-summary',
      load: (s) => getJson<ResourceSummary>('resources/summary', filters, s),
      isEmpty: (r) => r.by_type.length === 0,
      empty: 'No resources match these filters.',
      render: (r) => {
        const total = r.by_type.reduce((s, t) => s + t.count, 0);
        const top = r.by_type.slice(0, 15);
        return [
          h('div', { class: 'grid stats compact' },
            stat('Resources', fmtCount(total), { testid: 'resources-count', raw: total }),
            stat('Types', fmtCount(r.by_type.length), { testid: 'resource-types-count', raw: r.by_type.length })),
          h('div', { class: 'grid two' },
            chart({
              grid: { left: 150, right: 24, top: 8, bottom: 24 },
              tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
              xAxis: { type: 'value', minInterval: 1 },
              yAxis: { type: 'category', inverse: true, data: top.map((t) => `${t.service_name} ${t.resource_type}`) },
              series: [{ type: 'bar', data: top.map((t) => t.count), itemStyle: { color: PALETTE[3] }, barMaxWidth: 18 }],
            }, { label: 'Bar chart of resources by type', height: Math.max(160, 26 * top.length + 40), testid: 'chart-resource-types' }),
            h('div', { class: 'table-scroll tall', role: 'region', 'aria-label': 'Resources by type', tabindex: '0' }, h('table', { class: 'data' },
              h('caption', { class: 'visually-hidden' }, 'Resources by type'),
              h('thead', null, h('tr', null, h('th', { scope: 'col' }, 'Service'), h('th', { scope: 'col' }, 'Type'), h('th', { scope: 'col', class: 'num' }, 'Count'))),
              h('tbody', null, r.by_type.map((t) => h('tr', { 'data-testid': 'resource-type-row', class: t.service_name === service && t.resource_type === type ? 'selected' : null },
                h('td', null, t.service_name),
                h('td', null, h('button', {
                  type: 'button', class: 'link', 'data-focus-key': `type-${t.service_name}-${t.resource_type}`,
                  title: `Show only ${t.service_name} ${t.resource_type} in the table`,
                  onclick: () => updateParams({ service: t.service_name, type: t.resource_type }),
                }, t.resource_type)),
                h('td', { class: 'num', 'data-testid': 'resource-type-count' }, fmtCount(t.count)))))))),
        ];
      },
    });

    const regionInput = h('input', { id: 'resource-region', name: 'region', type: 'text', value: region, placeholder: 'any', size: 12, 'data-focus-key': 'region' });
    const tableFilters = h('form', {
      class: 'inline-form',
      'aria-label': 'Resource table filters',
      onsubmit: (ev: Event) => {
        ev.preventDefault();
        updateParams({ region: regionInput.value.trim() || null });
      },
    },
    service || type ? h('span', { class: 'chip', 'data-testid': 'resource-type-chip' }, `${service} ${type}`.trim(),
      h('button', { type: 'button', class: 'chip-remove', 'aria-label': `Show all types`, onclick: () => updateParams({ service: null, type: null }) }, '×')) : null,
    h('label', { for: 'resource-region' }, 'Region'), regionInput, h('button', { type: 'submit', class: 'button' }, 'Filter'));

    const table = pagedTable<Resource>({
      signal,
      source: apiSource('resources', () => ({ ...filters, service, type, region })),
      caption: 'Resources',
      rowTestId: 'resource-row',
      totalTestId: 'resources-total',
      noun: ['resource', 'resources'],
      columns: [
        { key: 'account_id', label: 'Account', sortable: true, render: (r) => accountCell(r.account_id) },
        { key: 'service_name', label: 'Service', sortable: true, render: (r) => r.service_name },
        { key: 'resource_type', label: 'Type', sortable: true, render: (r) => r.resource_type },
        { key: 'resource_id', label: 'Id', sortable: true, render: (r) => h('span', { class: 'mono small' }, r.resource_id) },
        { key: 'resource_name', label: 'Name', sortable: true, render: (r) => r.resource_name ?? '' },
        { key: 'region', label: 'Region', sortable: true, render: (r) => r.region },
        { key: 'state', label: 'State', sortable: true, render: (r) => statusBadge(r.state, r.state && GOOD_STATES.has(r.state.toLowerCase()) ? 'good' : 'neutral') },
        { key: 'instance_type', label: 'Size', sortable: true, render: (r) => r.instance_type ?? '' },
      ],
    });

    return [pageHeader('Resources'), card('By type', { description: 'Choose a type to list only those below' }, summary.el), card('Resources', { actions: tableFilters }, table)];
  },
};
