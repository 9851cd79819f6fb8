// Small pieces shared by the pages.

import type { Severity } from '../api-types';
import { type Child, h } from '../dom';
import { filterParams, hashFor, parseHash } from '../state';

/** Account names by id, filled by the filter bar's account list; ids show alone until then. */
export const accountNames = new Map<string, string>();

export function accountCell(id: string, name?: string | null): HTMLElement {
  const known = name ?? accountNames.get(id);
  return h('span', { class: 'account' }, h('span', { class: 'mono' }, id), known ? h('span', { class: 'muted small account-name' }, known) : null);
}

export function severityBadge(s: Severity | string): HTMLElement {
  return h('span', { class: `badge sev sev-${s}` }, s === 'INFORMATIONAL' ? 'INFO' : s);
}

export function statusBadge(s: string | null, tone?: 'good' | 'bad' | 'warn' | 'neutral'): HTMLElement {
  return h('span', { class: `badge status tone-${tone ?? 'neutral'}` }, s ?? '—');
}

export function pageHeader(title: string, ...extra: Child[]): HTMLElement {
  return h('div', { class: 'page-header' }, h('h1', { tabindex: '-1' }, title), ...extra);
}

/** A link to another page that keeps the current filters and sets some page options. */
export function pageLink(page: string, options: Record<string, string>, ...children: Child[]): HTMLAnchorElement {
  const params = filterParams(parseHash().params);
  for (const [k, v] of Object.entries(options)) params.set(k, v);
  return h('a', { href: hashFor(page, params) }, ...children);
}

/** A horizontal meter for a 0–100 score. */
export function meter(score: number | null, label: string): HTMLElement {
  const v = score ?? 0;
  const tone = score === null ? 'neutral' : v >= 80 ? 'good' : v >= 60 ? 'warn' : 'bad';
  return h('span', { class: `meter tone-${tone}`, role: 'meter', 'aria-valuemin': '0', 'aria-valuemax': '100', 'aria-valuenow': score === null ? null : String(v), 'aria-label': label },
    h('span', { class: 'meter-fill', style: `width:${Math.max(0, Math.min(100, v))}%` }));
}
