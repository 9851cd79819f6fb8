// The filter bar: account, customer, partner, environment, product, date range. Submitting it
// writes the values into the URL (state.ts), which re-renders the page; every API call of the
// page then carries them. The choices come from the accounts list (all accounts, unfiltered, so
// a filter can always be widened again), read once in pages of 500.

import type { Account, ListAnswer } from '../api-types';
import { getJson } from '../api';
import { h } from '../dom';
import { accountNames } from './bits';
import { FILTER_KEYS, type FilterKey, updateParams } from '../state';

const MAX_ACCOUNT_PAGES = 20; // 10,000 accounts; past that the inputs still take any value typed
const TAGS = [
  ['customer', 'Customer'],
  ['partner', 'Partner'],
  ['environment', 'Environment'],
  ['product', 'Product'],
] as const;
const ACCOUNT_ID = /^\d{12}$/;

export interface FilterBar {
  el: HTMLElement;
  sync: (params: URLSearchParams) => void;
}

export function filterBar(): FilterBar {
  const accountList = h('datalist', { id: 'account-options' });
  const account = h('input', {
    id: 'filter-account', name: 'account', type: 'text', list: 'account-options', autocomplete: 'off', spellcheck: 'false',
    placeholder: 'All accounts', 'aria-describedby': 'filter-account-help', 'data-testid': 'filter-account',
  });
  const selects = Object.fromEntries(TAGS.map(([key]) => [key, h('select', { id: `filter-${key}`, name: key, 'data-testid': `filter-${key}` }, h('option', { value: '' }, 'All'))])) as Record<string, HTMLSelectElement>;
  const from = h('input', { id: 'filter-from', name: 'from', type: 'date', 'data-testid': 'filter-from' });
  const to = h('input', { id: 'filter-to', name: 'to', type: 'date', 'data-testid': 'filter-to' });
  const names = new Map<string, string>(); // account name (lower case) -> id

  const form = h('form', {
    class: 'filter-bar', role: 'search', 'aria-label': 'Filters', 'data-testid': 'filter-bar', novalidate: true,
    onsubmit: (ev: Event) => {
      ev.preventDefault();
      if (!validate()) return;
      const changes: Record<string, string | null> = {};
      changes.account = normaliseAccounts(account.value);
      for (const [key] of TAGS) changes[key] = selects[key].value || null;
      changes.from = from.value || null;
      changes.to = to.value || null;
      updateParams(changes);
    },
  },
  h('div', { class: 'field field-account' },
    h('label', { for: 'filter-account' }, 'Account'), account, accountList,
    h('span', { id: 'filter-account-help', class: 'visually-hidden' }, '12-digit account ids or account names, separated by commas')),
  TAGS.map(([key, label]) => h('div', { class: 'field' }, h('label', { for: `filter-${key}` }, label), selects[key])),
  h('div', { class: 'field field-date' }, h('label', { for: 'filter-from' }, 'From'), from),
  h('div', { class: 'field field-date' }, h('label', { for: 'filter-to' }, 'To'), to),
  h('div', { class: 'field field-buttons' },
    h('button', { type: 'submit', class: 'button primary', 'data-testid': 'filter-apply' }, 'Apply'),
    h('button', {
      type: 'button', class: 'button', 'data-testid': 'filter-clear',
      onclick: () => updateParams(Object.fromEntries(FILTER_KEYS.map((k) => [k, null]))),
    }, 'Clear')),
  h('p', { class: 'filter-error', role: 'alert', 'data-testid': 'filter-error' }));

  // Names typed in the account box become ids; anything else must be an id.
  function normaliseAccounts(text: string): string | null {
    const parts = text.split(',').map((s) => s.trim()).filter(Boolean).map((s) => names.get(s.toLowerCase()) ?? s);
    return parts.length ? parts.join(',') : null;
  }
  function validate(): boolean {
    const error = form.querySelector('.filter-error') as HTMLElement;
    const bad = (normaliseAccounts(account.value) ?? '').split(',').filter((s) => s && !ACCOUNT_ID.test(s));
    let message = '';
    if (bad.length) message = `Not an account id or name: ${bad.join(', ')}`;
    else if (from.value && to.value && from.value > to.value) message = 'The start date is after the end date.';
    error.textContent = message;
    account.setAttribute('aria-invalid', bad.length ? 'true' : 'false');
    if (message) (bad.length ? account : from).focus();
    return !message;
  }

  function addOption(select: HTMLSelectElement, value: string) {
    if (!value || [...select.options].some((o) => o.value === value)) return;
    select.append(h('option', { value }, value));
  }

  async function loadChoices() {
    const values: Record<string, Set<string>> = { customer: new Set(), partner: new Set(), environment: new Set(), product: new Set() };
    for (let pageNo = 0; pageNo < MAX_ACCOUNT_PAGES; pageNo++) {
      let answer: ListAnswer<Account>;
      try {
        answer = await getJson<ListAnswer<Account>>('accounts', { limit: 500, offset: pageNo * 500, sort: 'account_name' });
      } catch {
        return; // the page shows the API's error itself; the inputs still accept typed values
      }
      for (const a of answer.items) {
        accountList.append(h('option', { value: a.account_id, label: a.account_name }));
        names.set(a.account_name.toLowerCase(), a.account_id);
        accountNames.set(a.account_id, a.account_name);
        if (a.customer) values.customer.add(a.customer);
        if (a.partner) values.partner.add(a.partner);
        if (a.environment) values.environment.add(a.environment);
        for (const p of a.products ?? []) values.product.add(p);
      }
      if (answer.offset + answer.items.length >= answer.total || !answer.items.length) break;
    }
    for (const [key] of TAGS) {
      const current = selects[key].value;
      for (const v of [...values[key]].sort((a, b) => a.localeCompare(b))) addOption(selects[key], v);
      selects[key].value = current;
    }
    form.dataset.choices = 'loaded';
  }
  void loadChoices();

  return {
    el: form,
    sync(params) {
      account.value = params.get('account') ?? '';
      account.removeAttribute('aria-invalid');
      for (const [key] of TAGS) {
        const v = params.get(key) ?? '';
        addOption(selects[key], v);
        selects[key].value = v;
      }
      from.value = params.get('from') ?? '';
      to.value = params.get('to') ?? '';
      (form.querySelector('.filter-error') as HTMLElement).textContent = '';
      const active = FILTER_KEYS.filter((k: FilterKey) => params.get(k)).length;
      form.dataset.active = String(active);
    },
  };
}
