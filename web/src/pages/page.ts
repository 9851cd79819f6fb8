import type { Query } from '../api';
import type { Child } from '../dom';

/** What a page gets to render one route: its parameters, the filters, a signal aborted on leaving. */
export interface PageContext {
  params: URLSearchParams;
  filters: Query;
  signal: AbortSignal;
}

export interface Page {
  id: string; // the route: #/<id>
  title: string;
  render: (ctx: PageContext) => Child;
}
