-- GET /api/v1/operations/runs: ingest runs, newest first. Paged ($8, $9).
SELECT json_build_object(
    'items', coalesce((SELECT json_agg(r ORDER BY r.id DESC)
                         FROM (SELECT id, source, host, started_at, finished_at,
                                      documents_loaded, documents_skipped, documents_failed,
                                      rows_created, rows_updated, rows_unchanged
                                 FROM view360.ingest_runs ORDER BY id DESC
                                LIMIT $8::int OFFSET $9::int) r), '[]'),
    'total', (SELECT count(*) FROM view360.ingest_runs), 'limit', $8::int, 'offset', $9::int);
