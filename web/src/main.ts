// The dashboard's entry point: the shell (header, navigation, filter bar) and the hash router.
// A route is '#/<page>?<params>'; any change of the hash re-renders the page from the URL alone.

import './styles.css';
import { h, replaceChildren } from './dom';
import { accountsPage } from './pages/accounts';
import { compliancePage } from './pages/compliance';
import { costsPage } from './pages/costs';
import { eventsPage } from './pages/events';
import { operationsPage } from './pages/operations';
import { overviewPage } from './pages/overview';
import type { Page } from './pages/page';
import { resourcesPage } from './pages/resources';
import { securityPage } from './pages/security';
import { filterParams, filtersOf, hashFor, parseHash } from './state';
import { disposeCharts } from './ui/chart';
import { filterBar } from './ui/filter-bar';

const PAGES: Page[] = [overviewPage, costsPage, securityPage, compliancePage, resourcesPage, operationsPage, accountsPage, eventsPage];
const DEFAULT_PAGE = 'overview';

function start(): void {
  const app = document.getElementById('app')!;
  const main = h('main', { id: 'main', tabindex: '-1' });
  const links = new Map<string, HTMLAnchorElement>();
  const nav = h('nav', { class: 'nav', 'aria-label': 'Pages' },
    h('ul', null, PAGES.map((p) => {
      const a = h('a', { href: `#/${p.id}`, 'data-testid': `nav-${p.id}` }, p.title);
      links.set(p.id, a);
      return h('li', null, a);
    })));
  const filters = filterBar();
  const skip = h('a', {
    class: 'skip-link', href: '#main',
    // not a route: move the focus without touching the hash
    onclick: (ev: Event) => {
      ev.preventDefault();
      main.focus();
    },
  }, 'Skip to content');

  replaceChildren(app,
    skip,
    h('header', { class: 'topbar' },
      h('a', { class: 'brand', href: '#/overview' }, h('span', { class: 'brand-mark', 'aria-hidden': 'true' }, '◎'), 'View360'),
      h('span', { class: 'muted small' }, 'AWS accounts at a glance')),
    h('div', { class: 'layout' }, nav, h('div', { class: 'content' }, filters.el, main)));

  let controller: AbortController | null = null;
  let currentPage = '';
  let renders = 0; // main[data-render] counts route renders: lets tests wait for theirs

  const render = () => {
    const route = parseHash();
    const page = PAGES.find((p) => p.id === route.page);
    if (!page) {
      location.replace(hashFor(DEFAULT_PAGE, filterParams(route.params)));
      return;
    }
    // Keep the focus on a control that the new render recreates (a view option, say).
    const focusKey = main.contains(document.activeElement) ? document.activeElement?.getAttribute('data-focus-key') : null;

    controller?.abort();
    controller = new AbortController();
    disposeCharts(main);
    main.dataset.page = page.id;
    main.dataset.render = String(++renders);
    document.title = `${page.title} · View360`;
    const keep = filterParams(route.params);
    for (const [id, a] of links) {
      a.href = hashFor(id, keep);
      if (id === page.id) a.setAttribute('aria-current', 'page');
      else a.removeAttribute('aria-current');
    }
    filters.sync(route.params);
    replaceChildren(main, page.render({ params: route.params, filters: filtersOf(route.params), signal: controller.signal }));

    if (focusKey) main.querySelector<HTMLElement>(`[data-focus-key="${CSS.escape(focusKey)}"]`)?.focus();
    else if (currentPage && currentPage !== page.id && nav.contains(document.activeElement)) {
      // Moved with the navigation: let keyboard and screen reader users land on the new page.
      main.querySelector<HTMLElement>('h1')?.focus();
    }
    currentPage = page.id;
  };

  window.addEventListener('hashchange', render);
  render();
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
else start();
