// An area of a page that loads its own data and shows one of four states, each with a stable
// data-state (and data-testid for the three non-ready ones) that the browser tests wait on:
//   loading  a spinner (role=status); on a reload the old content stays, dimmed, aria-busy
//   ready    the rendered data
//   empty    "nothing matches these filters"
//   error    the API's message and code, and a Retry button (role=alert); on 401 a token form

import { ApiError, setToken } from '../api';
import { type Child, h, replaceChildren } from '../dom';
import { FILTER_KEYS, parseHash, updateParams } from '../state';
import { disposeCharts } from './chart';

export type BlockState = 'loading' | 'ready' | 'empty' | 'error';

export interface BlockOptions<T> {
  signal: AbortSignal; // the page's: aborted when the route changes
  load: (signal: AbortSignal) => Promise<T>;
  render: (data: T, reload: () => void) => Child;
  isEmpty?: (data: T) => boolean;
  empty?: string;
  testid?: string;
  className?: string;
}

export interface Block {
  el: HTMLElement;
  reload: () => void;
}

export function block<T>(opts: BlockOptions<T>): Block {
  const el = h('div', { class: `block ${opts.className ?? ''}`.trim(), 'data-testid': opts.testid });
  let inflight: AbortController | null = null;
  let hasContent = false;
  let generation = 0; // counts renders: lets tests wait for the answer to their own click

  const setState = (state: BlockState) => {
    el.dataset.state = state;
    if (state === 'loading') el.setAttribute('aria-busy', 'true');
    else el.removeAttribute('aria-busy');
  };

  const show = (state: BlockState, ...children: Child[]) => {
    const focusKey = document.activeElement?.closest('[data-focus-key]')?.getAttribute('data-focus-key');
    const hadFocus = el.contains(document.activeElement);
    disposeCharts(el);
    replaceChildren(el, ...children);
    setState(state);
    el.dataset.generation = String(++generation);
    if (hadFocus && focusKey) {
      const target = el.querySelector<HTMLElement>(`[data-focus-key="${CSS.escape(focusKey)}"]`);
      if (target && !(target as HTMLButtonElement).disabled) target.focus();
      else el.querySelector<HTMLElement>('[data-focus-fallback]')?.focus();
    }
  };

  const reload = () => {
    inflight?.abort();
    if (opts.signal.aborted) return;
    const controller = new AbortController();
    inflight = controller;
    const onPageAbort = () => controller.abort();
    opts.signal.addEventListener('abort', onPageAbort, { once: true });

    if (hasContent) {
      setState('loading');
      el.classList.add('is-reloading');
    } else {
      show('loading', loadingView());
    }
    opts
      .load(controller.signal)
      .then((data) => {
        if (controller.signal.aborted) return;
        el.classList.remove('is-reloading');
        if (opts.isEmpty?.(data)) {
          hasContent = false;
          show('empty', emptyView(opts.empty ?? 'No data matches these filters.'));
        } else {
          hasContent = true;
          show('ready', opts.render(data, reload));
        }
      })
      .catch((e: unknown) => {
        if (controller.signal.aborted) return;
        el.classList.remove('is-reloading');
        hasContent = false;
        show('error', errorView(e, reload));
      })
      .finally(() => opts.signal.removeEventListener('abort', onPageAbort));
  };

  reload();
  return { el, reload };
}

function loadingView(): HTMLElement {
  return h('div', { class: 'state state-loading', role: 'status', 'data-testid': 'loading' },
    h('span', { class: 'spinner', 'aria-hidden': 'true' }), 'Loading…');
}

export function emptyView(message: string): HTMLElement {
  const params = parseHash().params;
  const filtered = FILTER_KEYS.some((k) => params.get(k));
  return h('div', { class: 'state state-empty', 'data-testid': 'empty' },
    h('span', { class: 'state-icon', 'aria-hidden': 'true' }, '∅'), h('p', null, message),
    filtered ? h('button', { type: 'button', class: 'button', 'data-focus-key': 'clear-filters', onclick: () => updateParams(Object.fromEntries(FILTER_KEYS.map((k) => [k, null]))) }, 'Clear the filters') : null);
}

function errorView(e: unknown, retry: () => void): HTMLElement {
  const err = e instanceof ApiError ? e : new ApiError(0, 'client_error', e instanceof Error ? e.message : String(e));
  const box = h('div', { class: 'state state-error', role: 'alert', 'data-testid': 'error' },
    h('p', { class: 'state-title' }, err.status === 401 ? 'This server needs an API token.' : 'Could not load this data.'),
    h('p', { 'data-testid': 'error-message' }, err.message),
    h('p', { class: 'muted small' }, `${err.code}${err.status ? ` · HTTP ${err.status}` : ''}`));
  if (err.status === 401) {
    const input = h('input', { type: 'password', name: 'token', autocomplete: 'off', required: true, id: 'api-token', 'data-focus-key': 'token' });
    box.append(h('form', {
      class: 'token-form',
      onsubmit: (ev: Event) => {
        ev.preventDefault();
        setToken(input.value.trim());
        location.reload();
      },
    }, h('label', { for: 'api-token' }, 'Bearer token'), input, h('button', { type: 'submit', class: 'button primary' }, 'Use token')));
  } else {
    box.append(h('button', { type: 'button', class: 'button', onclick: retry, 'data-focus-key': 'retry' }, 'Retry'));
  }
  return box;
}
