// A titled section of a page: <section aria-labelledby> with an h2, optional actions on the right
// of the title (view options) and a short description.

import { type Child, h, uid } from '../dom';

export function card(title: string, opts: { actions?: Child; description?: string; className?: string; testid?: string }, ...body: Child[]): HTMLElement {
  const id = uid('card');
  return h('section', { class: `card ${opts.className ?? ''}`.trim(), 'aria-labelledby': id, 'data-testid': opts.testid },
    h('header', { class: 'card-header' },
      h('div', null, h('h2', { id }, title), opts.description ? h('p', { class: 'muted small' }, opts.description) : null),
      opts.actions ? h('div', { class: 'card-actions' }, opts.actions) : null),
    ...body);
}

/** A labelled figure: the number the tests read is the element with `testid`. */
export function stat(label: string, value: string, opts: { testid: string; sub?: Child; tone?: string; raw?: number | null }): HTMLElement {
  return h('div', { class: `stat ${opts.tone ? `tone-${opts.tone}` : ''}`.trim() },
    h('div', { class: 'stat-label' }, label),
    h('div', { class: 'stat-value', 'data-testid': opts.testid, 'data-value': opts.raw === undefined || opts.raw === null ? null : String(opts.raw) }, value),
    opts.sub ? h('div', { class: 'stat-sub' }, opts.sub) : null);
}

/** A segmented control (radio group) for a view option kept in the URL. */
export function segmented(label: string, name: string, value: string, options: [string, string][], onChange: (v: string) => void): HTMLElement {
  const group = uid(name);
  return h('fieldset', { class: 'segmented', 'data-testid': `segmented-${name}` },
    h('legend', { class: 'segmented-legend' }, label),
    options.map(([v, text]) => {
      const id = uid(name);
      return h('span', { class: 'segment' },
        h('input', { type: 'radio', name: group, id, value: v, checked: v === value, 'data-focus-key': `${name}-${v}`, onchange: () => onChange(v) }),
        h('label', { for: id }, text));
    }));
}

/** A labelled <select> for a view option. */
export function selectControl(label: string, name: string, value: string, options: [string, string][], onChange: (v: string) => void): HTMLElement {
  const id = uid(name);
  return h('span', { class: 'control' },
    h('label', { for: id }, label),
    h('select', { id, name, 'data-focus-key': name, 'data-testid': `select-${name}`, onchange: (ev: Event) => onChange((ev.target as HTMLSelectElement).value) },
      options.map(([v, text]) => h('option', { value: v, selected: v === value }, text))));
}
