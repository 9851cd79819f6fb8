-- GET /api/v1/operations/collections: the collection runs the documents report, one per
-- document loaded (the logs table: each category's Pass/Fail and the collector's messages), in
-- the range $6..$7 of their collection time. Paged ($8, $9) and sorted (/*sort*/; by default
-- newest first; log_id, unique, last). $1..$5 filters; $10 status: 'failed' (some category
-- failed) or 'passed' (none did).
WITH c AS (
    SELECT l.id AS log_id, l.account AS account_id, l.account_name,
           l.date_created AS collected_at,
           ARRAY(SELECT v.category
                   FROM (VALUES (1, 'account', l.account_status), (2, 'cost', l.cost_status),
                                (3, 'service', l.service_status),
                                (4, 'security', l.security_status), (5, 'config', l.config_status),
                                (6, 'inventory', l.inventory_status),
                                (7, 'marketplace', l.marketplace_status),
                                (8, 'trusted_advisor', l.trusted_advisor_status),
                                (9, 'health', l.health_status),
                                (10, 'application', l.application_status),
                                (11, 'resilience_hub', l.resilience_hub_status))
                        AS v(n, category, status)
                  WHERE v.status IS DISTINCT FROM 'Pass'
                  ORDER BY v.n) AS failed
      FROM view_acct_logs l
     WHERE /*filters l*/
       AND l.date_created >= $6::date AND l.date_created < $7::date + 1),
d AS (
    SELECT c.*, cardinality(c.failed) AS failed_count FROM c
     WHERE $10::text IS NULL OR ($10 = 'failed') = (cardinality(c.failed) > 0))
SELECT json_build_object(
    'items', coalesce((SELECT json_agg(
                                  json_build_object(
                                      'log_id', p.log_id, 'account_id', p.account_id,
                                      'account_name', p.account_name,
                                      'collected_at', p.collected_at, 'failed', p.failed,
                                      'failed_count', p.failed_count,
                                      'messages', coalesce(
                                          (SELECT json_agg(json_build_object(
                                                               'type', m.message_type,
                                                               'message', m.message)
                                                           ORDER BY m.id)
                                             FROM log_messages m WHERE m.log_id = p.log_id),
                                          '[]'))
                                  ORDER BY /*sort*/)
                         FROM (SELECT * FROM d ORDER BY /*sort*/
                                LIMIT $8::int OFFSET $9::int) p), '[]'),
    'total', (SELECT count(*) FROM d), 'limit', $8::int, 'offset', $9::int);
