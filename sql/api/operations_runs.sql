-- GET /api/v1/operations/runs: ingest runs. Paged ($8, $9) and sorted (/*sort*/; by default
-- newest first; id last).
WITH r AS NOT MATERIALIZED (
    SELECT id, source, host, started_at, finished_at, documents_loaded, documents_skipped,
           documents_failed, rows_created, rows_updated, rows_unchanged
      FROM view360.ingest_runs)
SELECT json_build_object(
    'items', coalesce((SELECT json_agg(p ORDER BY /*sort*/)
                         FROM (SELECT * FROM r ORDER BY /*sort*/
                                LIMIT $8::int OFFSET $9::int) p), '[]'),
    'total', (SELECT count(*) FROM r), 'limit', $8::int, 'offset', $9::int);
