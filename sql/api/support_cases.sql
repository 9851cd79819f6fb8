-- GET /api/v1/support-cases: support cases. Paged ($8, $9) and sorted (/*sort*/; by default
-- newest first; case_id, unique, last). $1..$5 filters.
WITH c AS NOT MATERIALIZED (
    SELECT t.case_id, t.display_id, t.account AS account_id, t.subject, t.status,
           t.severity_code, t.service_code, t.time_created
      FROM view_acct_support_tickets t WHERE /*filters t*/)
SELECT json_build_object(
    'items', coalesce((SELECT json_agg(p ORDER BY /*sort*/)
                         FROM (SELECT * FROM c ORDER BY /*sort*/
                                LIMIT $8::int OFFSET $9::int) p), '[]'),
    'total', (SELECT count(*) FROM c), 'limit', $8::int, 'offset', $9::int);
