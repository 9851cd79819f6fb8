// Operations: collection runs (one per document: the categories that failed and the collector's
// messages), ingest runs (newest first) and ingested documents, by default the failed ones with
// the reasons the receiver gave (JSON path and message).

import type { CollectionRun, IngestDocument, IngestRun } from '../api-types';
import { h } from '../dom';
import { fmtBytes, fmtCount, fmtDuration, fmtTime } from '../format';
import { updateParams } from '../state';
import { accountCell, pageHeader, statusBadge } from '../ui/bits';
import { card, segmented } from '../ui/card';
import { apiSource, pagedTable } from '../ui/table';
import type { Page } from './page';

export const operationsPage: Page = {
  id: 'operations',
  title: 'Operations',
  render: ({ params, filters, signal }) => {
    const docStatus = ['failed', 'loaded', 'pending', 'all'].includes(params.get('doc_status') ?? '') ? params.get('doc_status')! : 'failed';

    const collectionStatus = ['failed', 'passed'].includes(params.get('collection_status') ?? '') ? params.get('collection_status')! : 'all';
    const collections = pagedTable<CollectionRun>({
      signal,
      source: apiSource('operations/collections', () => ({ ...filters, status: collectionStatus === 'all' ? null : collectionStatus })),
      caption: 'Collection runs',
      rowTestId: 'collection-row',
      totalTestId: 'collections-total',
      noun: ['collection', 'collections'],
      pageSize: 10,
      sort: '-collected_at',
      empty: collectionStatus === 'failed' ? 'No collection with a failed category in this date range.' : 'No collections in this date range.',
      rowClass: (c) => (c.failed_count > 0 ? 'row-warn' : null),
      columns: [
        { key: 'collected_at', label: 'Collected', sortable: true, render: (c) => fmtTime(c.collected_at) },
        { key: 'account_id', label: 'Account', sortable: true, render: (c) => accountCell(c.account_id, c.account_name) },
        {
          key: 'failed_count', label: 'Failed categories', sortable: true,
          render: (c) => h('span', { 'data-testid': 'collection-failed' }, c.failed.length
            ? c.failed.map((f) => statusBadge(f, 'bad'))
            : statusBadge('all passed', 'good')),
        },
        {
          key: 'messages', label: 'Messages', className: 'wrap reasons-cell',
          render: (c) => (c.messages.length
            ? h('ul', { class: 'errors', 'data-testid': 'collection-messages' }, c.messages.map((m) => h('li', null, h('code', null, m.type ?? 'INFO'), ' ', m.message)))
            : ''),
        },
      ],
    });

    const runs = pagedTable<IngestRun>({
      signal,
      source: apiSource('operations/runs', () => filters),
      caption: 'Ingest runs',
      rowTestId: 'run-row',
      totalTestId: 'runs-total',
      noun: ['run', 'runs'],
      pageSize: 10,
      empty: 'No ingest runs in this date range.',
      rowClass: (r) => (r.documents_failed > 0 ? 'row-warn' : null),
      columns: [
        { key: 'started_at', label: 'Started', render: (r) => fmtTime(r.started_at) },
        { key: 'finished_at', label: 'Duration', render: (r) => fmtDuration(r.started_at, r.finished_at) },
        { key: 'source', label: 'Source', render: (r) => h('span', { class: 'mono small' }, r.source) },
        { key: 'host', label: 'Host', render: (r) => r.host },
        { key: 'documents_loaded', label: 'Loaded', numeric: true, render: (r) => h('span', { 'data-testid': 'run-loaded' }, fmtCount(r.documents_loaded)) },
        { key: 'documents_skipped', label: 'Skipped', numeric: true, render: (r) => fmtCount(r.documents_skipped) },
        { key: 'documents_failed', label: 'Failed', numeric: true, render: (r) => h('span', { class: r.documents_failed ? 'bad' : '', 'data-testid': 'run-failed' }, fmtCount(r.documents_failed)) },
        { key: 'rows_created', label: 'Rows created', numeric: true, render: (r) => fmtCount(r.rows_created) },
        { key: 'rows_updated', label: 'Rows updated', numeric: true, render: (r) => fmtCount(r.rows_updated) },
        { key: 'rows_unchanged', label: 'Rows unchanged', numeric: true, render: (r) => fmtCount(r.rows_unchanged) },
      ],
    });

    const documents = pagedTable<IngestDocument>({
      signal,
      source: apiSource('operations/documents', () => ({ ...filters, status: docStatus === 'all' ? null : docStatus })),
      caption: `Ingested documents (${docStatus})`,
      rowTestId: 'document-row',
      totalTestId: 'documents-total',
      noun: ['document', 'documents'],
      empty: docStatus === 'failed' ? 'No failed documents in this date range.' : 'No documents match these filters.',
      columns: [
        { key: 'object_key', label: 'Document', className: 'wrap', render: (d) => h('span', { class: 'mono small' }, d.object_key) },
        { key: 'status', label: 'Status', render: (d) => statusBadge(d.status, d.status === 'failed' ? 'bad' : d.status === 'loaded' ? 'good' : 'warn') },
        { key: 'size', label: 'Size', numeric: true, render: (d) => fmtBytes(d.size) },
        { key: 'when', label: 'When', render: (d) => fmtTime(d.failed_at ?? d.loaded_at) },
        { key: 'attempts', label: 'Attempts', numeric: true, render: (d) => fmtCount(d.attempts) },
        {
          key: 'error', label: 'Reason', className: 'wrap reasons-cell',
          render: (d) => (d.error?.errors?.length
            ? h('ul', { class: 'errors', 'data-testid': 'document-errors' }, d.error.errors.map((e) => h('li', null, h('code', null, e.path), ' ', e.message)))
            : ''),
        },
      ],
    });

    return [
      pageHeader('Operations'),
      card('Collection runs', {
        description: 'One per document loaded, newest first: the categories the collector could not read, and why',
        actions: segmented('Status', 'collection_status', collectionStatus, [['all', 'All'], ['failed', 'With failures'], ['passed', 'All passed']], (v) => updateParams({ collection_status: v === 'all' ? null : v })),
      }, collections),
      card('Ingest runs', { description: 'Newest first; a run with failed documents is highlighted' }, runs),
      card('Documents', {
        actions: segmented('Status', 'doc_status', docStatus, [['failed', 'Failed'], ['pending', 'Pending'], ['loaded', 'Loaded'], ['all', 'All']], (v) => updateParams({ doc_status: v === 'failed' ? null : v })),
      }, documents),
    ];
  },
};
