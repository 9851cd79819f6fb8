-- GET /api/v1/operations/collections: the collection runs the documents report, one per
-- document loaded (the logs table: each category's Pass/Fail and the collector's messages), in
-- the range $6..$7 of their collection time. Paged ($8, $9) and sorted (/*sort*/; by default
-- newest first; log_id, unique, last). $1..$5 filters; $10 status: 'failed' (some category
-- failed) or 'passed' (none did). The categories and messages are read for the page's rows only.
WITH c AS NOT MATERIALIZED (
    SELECT l.id AS log_id, l.account AS account_id, l.account_name,
           l.date_created AS collected_at,
           (l.account_status IS DISTINCT FROM 'Pass')::int +
               (l.cost_status IS DISTINCT FROM 'Pass')::int +
               (l.service_status IS DISTINCT FROM 'Pass')::int +
               (l.security_status IS DISTINCT FROM 'Pass')::int +
               (l.config_status IS DISTINCT FROM 'Pass')::int +
               (l.inventory_status IS DISTINCT FROM 'Pass')::int +
               (l.marketplace_status IS DISTINCT FROM 'Pass')::int +
               (l.trusted_advisor_status IS DISTINCT FROM 'Pass')::int +
               (l.health_status IS DISTINCT FROM 'Pass')::int +
               (l.application_status IS DISTINCT FROM 'Pass')::int +
               (l.resilience_hub_status IS DISTINCT FROM 'Pass')::int AS failed_count,
           l.account_status, l.cost_status, l.service_status, l.security_status,
           l.config_status, l.inventory_status, l.marketplace_status, l.trusted_advisor_status,
           l.health_status, l.application_status, l.resilience_hub_status
      FROM view_acct_logs l
     WHERE /*filters l*/
       AND l.date_created >= $6::date AND l.date_created < $7::date + 1),
d AS NOT MATERIALIZED (
    SELECT * FROM c WHERE $10::text IS NULL OR ($10 = 'failed') = (failed_count > 0))
SELECT json_build_object(
    'items', coalesce((SELECT json_agg(
                                  json_build_object(
                                      'log_id', p.log_id, 'account_id', p.account_id,
                                      'account_name', p.account_name,
                                      'collected_at', p.collected_at,
                                      'failed', ARRAY(
                                          SELECT v.category
                                            FROM (VALUES (1, 'account', p.account_status),
                                                    (2, 'cost', p.cost_status),
                                                    (3, 'service', p.service_status),
                                                    (4, 'security', p.security_status),
                                                    (5, 'config', p.config_status),
                                                    (6, 'inventory', p.inventory_status),
                                                    (7, 'marketplace', p.marketplace_status),
                                                    (8, 'trusted_advisor', p.trusted_advisor_status),
                                                    (9, 'health', p.health_status),
                                                    (10, 'application', p.application_status),
                                                    (11, 'resilience_hub', p.resilience_hub_status))
                                                 AS v(n, category, status)
                                           WHERE v.status IS DISTINCT FROM 'Pass'
                                           ORDER BY v.n),
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
