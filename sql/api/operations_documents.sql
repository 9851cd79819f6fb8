-- GET /api/v1/operations/documents: documents the receiver has seen, newest event first, with
-- the reasons of failed ones. Paged ($8, $9). $10 status (optional). $1 accounts filter.
WITH d AS (
    SELECT object_key, status, account_id, region, size, loaded_at, failed_at, attempts,
           CASE WHEN error IS NULL THEN NULL ELSE json_build_object('errors', error) END AS error,
           greatest(loaded_at, failed_at, first_seen_at) AS at
      FROM view360.ingest_ledger
     WHERE ($10::text IS NULL OR status = $10)
       AND ($1::text[] IS NULL OR account_id = ANY ($1::text[])))
SELECT json_build_object(
    'items', coalesce((SELECT jsonb_agg(to_jsonb(p) - 'at' ORDER BY p.at DESC, p.object_key)
                         FROM (SELECT * FROM d ORDER BY at DESC, object_key
                                LIMIT $8::int OFFSET $9::int) p), '[]'::jsonb),
    'total', (SELECT count(*) FROM d), 'limit', $8::int, 'offset', $9::int);
