-- GET /api/v1/health-events: AWS Health events. Paged ($8, $9) and sorted (/*sort*/; by
-- default newest first; arn, unique, last). $1..$5 filters.
WITH e AS NOT MATERIALIZED (
    SELECT h.arn, h.account AS account_id, h.service, h.event_type_code, h.region,
           h.status_code, h.start_time, h.end_time
      FROM view_health_events h WHERE /*filters h*/)
SELECT json_build_object(
    'items', coalesce((SELECT json_agg(p ORDER BY /*sort*/)
                         FROM (SELECT * FROM e ORDER BY /*sort*/
                                LIMIT $8::int OFFSET $9::int) p), '[]'),
    'total', (SELECT count(*) FROM e), 'limit', $8::int, 'offset', $9::int);
