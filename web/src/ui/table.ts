// A table whose rows are paged and sorted by the server (limit, offset, sort), so it never holds
// more than one page; or, for the few answers that are short arrays, paged the same way locally.
// Each row carries data-testid=rowTestId; the total carries data-testid=totalTestId.

import type { ListAnswer } from '../api-types';
import { getJson, type Query } from '../api';
import { type Child, h, uid } from '../dom';
import { fmtCount } from '../format';
import { block } from './block';

export const PAGE_SIZE = 25;

export interface Column<T> {
  key: string; // the API's column name: the sort key
  label: string;
  render: (row: T) => Child;
  sortable?: boolean;
  numeric?: boolean;
  className?: string;
}

export type Source<T> = (q: { limit: number; offset: number; sort: string | null }, signal: AbortSignal) => Promise<ListAnswer<T>>;

/** A source that asks the API: GET path?<query()>&limit&offset&sort. */
export function apiSource<T>(path: string, query: () => Query): Source<T> {
  return ({ limit, offset, sort }, signal) => getJson<ListAnswer<T>>(path, { ...query(), limit, offset, sort }, signal);
}

/** A source over an array the API answered whole (compliance per account, accounts needing attention). */
export function arraySource<T>(rows: T[]): Source<T> {
  return async ({ limit, offset, sort }) => {
    let sorted = rows;
    if (sort) {
      const desc = sort.startsWith('-');
      const key = (desc ? sort.slice(1) : sort) as keyof T;
      sorted = [...rows].sort((a, b) => {
        const x = a[key] as unknown as string | number | null;
        const y = b[key] as unknown as string | number | null;
        if (x === y) return 0;
        if (x === null || x === undefined) return 1;
        if (y === null || y === undefined) return -1;
        return (x < y ? -1 : 1) * (desc ? -1 : 1);
      });
    }
    return { items: sorted.slice(offset, offset + limit), total: rows.length, limit, offset };
  };
}

export interface TableOptions<T> {
  signal: AbortSignal;
  source: Source<T>;
  columns: Column<T>[];
  caption: string;
  rowTestId: string;
  totalTestId: string;
  noun: [string, string]; // 'finding', 'findings'
  pageSize?: number;
  sort?: string | null;
  empty?: string;
  rowClass?: (row: T) => string | null;
}

export function pagedTable<T>(opts: TableOptions<T>): HTMLElement {
  const pageSize = opts.pageSize ?? PAGE_SIZE;
  let offset = 0;
  let sort = opts.sort ?? null;
  const captionId = uid('table');

  const b = block<ListAnswer<T>>({
    signal: opts.signal,
    className: 'table-block',
    testid: `table-${opts.rowTestId}`,
    load: (signal) => opts.source({ limit: pageSize, offset, sort }, signal),
    isEmpty: (answer) => answer.total === 0 && offset === 0,
    empty: opts.empty ?? `No ${opts.noun[1]} match these filters.`,
    render: (answer) => {
      const first = answer.items.length ? answer.offset + 1 : 0;
      const last = answer.offset + answer.items.length;
      const header = opts.columns.map((c) => {
        const ariaSort = sort === c.key ? 'ascending' : sort === `-${c.key}` ? 'descending' : c.sortable ? 'none' : null;
        const content = c.sortable
          ? h('button', {
              type: 'button',
              class: 'sort',
              'data-focus-key': `sort-${c.key}`,
              title: `Sort by ${c.label}`,
              onclick: () => {
                sort = sort === c.key ? `-${c.key}` : c.key;
                offset = 0;
                b.reload();
              },
            }, c.label, h('span', { class: 'sort-mark', 'aria-hidden': 'true' }, ariaSort === 'ascending' ? '▲' : ariaSort === 'descending' ? '▼' : '↕'))
          : c.label;
        return h('th', { scope: 'col', class: c.numeric ? 'num' : null, 'aria-sort': ariaSort }, content);
      });
      const rows = answer.items.map((row) =>
        h('tr', { 'data-testid': opts.rowTestId, class: opts.rowClass?.(row) ?? null },
          opts.columns.map((c) => h('td', { class: [c.numeric ? 'num' : '', c.className ?? ''].join(' ').trim() || null, 'data-col': c.key }, c.render(row)))));
      const go = (to: number) => {
        offset = Math.max(0, to);
        b.reload();
      };
      const pages = Math.max(1, Math.ceil(answer.total / pageSize));
      const current = Math.floor(answer.offset / pageSize) + 1;
      return [
        h('div', { class: 'table-scroll', role: 'region', 'aria-labelledby': captionId, tabindex: '0' },
          h('table', { class: 'data' },
            h('caption', { id: captionId, class: 'visually-hidden' }, opts.caption),
            h('thead', null, h('tr', null, header)),
            h('tbody', null, rows))),
        h('nav', { class: 'pager', 'aria-label': `Pages of ${opts.caption}` },
          h('span', { class: 'pager-range', 'data-testid': `${opts.rowTestId}-range` },
            `${fmtCount(first)}–${fmtCount(last)} of `,
            h('strong', { 'data-testid': opts.totalTestId, 'data-value': String(answer.total) }, fmtCount(answer.total)),
            ` ${answer.total === 1 ? opts.noun[0] : opts.noun[1]}`),
          h('span', { class: 'pager-buttons' },
            h('button', { type: 'button', class: 'button', 'data-focus-key': 'first', disabled: answer.offset === 0, onclick: () => go(0) }, 'First'),
            h('button', { type: 'button', class: 'button', 'data-focus-key': 'prev', 'data-testid': `${opts.rowTestId}-prev`, disabled: answer.offset === 0, onclick: () => go(answer.offset - pageSize) }, 'Previous'),
            h('span', { class: 'pager-page', 'aria-live': 'polite', 'data-focus-fallback': '', tabindex: '-1' }, `Page ${current} of ${pages}`),
            h('button', { type: 'button', class: 'button', 'data-focus-key': 'next', 'data-testid': `${opts.rowTestId}-next`, disabled: last >= answer.total, onclick: () => go(answer.offset + pageSize) }, 'Next'),
            h('button', { type: 'button', class: 'button', 'data-focus-key': 'last', disabled: last >= answer.total, onclick: () => go((pages - 1) * pageSize) }, 'Last'))),
      ];
    },
  });
  return b.el;
}
