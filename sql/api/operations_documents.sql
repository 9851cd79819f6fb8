-- GET /api/v1/operations/documents: documents the receiver has seen, with the reasons of failed
-- ones. Paged ($8, $9) and sorted (/*sort*/; by default newest event first; the ledger's key
-- object_key, source last). $10 status (optional). $1 accounts filter.
--
-- A document refused before its account was read has no account or region in the ledger; they
-- are then taken from its key (data/{account}/{region}/{date}_{INTERVAL}.json, the region
-- optional), so that an account's failed documents are listed under it.
WITH ledger AS (
    SELECT l.*,
           coalesce(l.account_id, substring(l.object_key FROM '^data/([0-9]{12})/')) AS account,
           coalesce(l.region, substring(l.object_key FROM '^data/[0-9]{12}/([a-z0-9-]+)/[^/]+$'))
               AS account_region
      FROM view360.ingest_ledger l),
d AS NOT MATERIALIZED (
    SELECT object_key, status, account AS account_id, account_region AS region, size, loaded_at,
           failed_at, attempts,
           CASE WHEN error IS NULL THEN NULL ELSE json_build_object('errors', error) END AS error,
           greatest(loaded_at, failed_at, first_seen_at) AS at, source
      FROM ledger
     WHERE ($10::text IS NULL OR status = $10)
       AND ($1::text[] IS NULL OR account = ANY ($1::text[])))
SELECT json_build_object(
    'items', coalesce((SELECT jsonb_agg(to_jsonb(p) - 'at' - 'source' ORDER BY /*sort*/)
                         FROM (SELECT * FROM d ORDER BY /*sort*/
                                LIMIT $8::int OFFSET $9::int) p), '[]'::jsonb),
    'total', (SELECT count(*) FROM d), 'limit', $8::int, 'offset', $9::int);
