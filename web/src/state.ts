// The URL is the state: '#/<page>?<params>'. The filter bar's values (FILTER_KEYS) go into every
// API call; a page's own view options (group_by, severity, ...) live beside them, so any view can
// be reloaded or shared as a link.

import type { Query } from './api';

export const FILTER_KEYS = ['account', 'customer', 'partner', 'environment', 'product', 'from', 'to'] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];

export interface Route {
  page: string;
  params: URLSearchParams;
}

export function parseHash(hash: string = location.hash): Route {
  const m = /^#\/([^?]*)(?:\?(.*))?$/.exec(hash);
  if (!m) return { page: '', params: new URLSearchParams() };
  return { page: decodeURIComponent(m[1]), params: new URLSearchParams(m[2] ?? '') };
}

export function hashFor(page: string, params: URLSearchParams): string {
  const qs = params.toString();
  return `#/${page}${qs ? `?${qs}` : ''}`;
}

/** The filter values of the route, ready for an API query. */
export function filtersOf(params: URLSearchParams): Query {
  const q: Query = {};
  for (const key of FILTER_KEYS) {
    const v = params.get(key);
    if (v) q[key] = v;
  }
  return q;
}

/** Only the filter parameters: what nav links carry from page to page. */
export function filterParams(params: URLSearchParams): URLSearchParams {
  const out = new URLSearchParams();
  for (const key of FILTER_KEYS) {
    const v = params.get(key);
    if (v) out.set(key, v);
  }
  return out;
}

/** Go to `page` with `params`; a no-op when that is where we are. */
export function navigate(page: string, params: URLSearchParams): void {
  const target = hashFor(page, params);
  if (target !== location.hash) location.hash = target;
}

/** Change some parameters of the current route (null removes one). */
export function updateParams(changes: Record<string, string | null>): void {
  const { page, params } = parseHash();
  for (const [k, v] of Object.entries(changes)) {
    if (v === null || v === '') params.delete(k);
    else params.set(k, v);
  }
  navigate(page, params);
}
