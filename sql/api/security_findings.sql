-- GET /api/v1/security/findings: Security Hub findings, most severe and newest first. Paged
-- ($8, $9). $10 severity, $11 status (workflow state), both optional. $1..$5 filters.
WITH f AS (
    SELECT f.finding_id, f.account AS account_id, f.title, f.severity,
           coalesce(f.workflow_state, f.status) AS status, f.service, f.resource_type,
           f.resource_id, f.region, f.updated_at,
           array_position(ARRAY['CRITICAL', 'HIGH', 'MEDIUM', 'LOW', 'INFORMATIONAL'],
                          f.severity::text) AS rank
      FROM view_acct_security_findings_details f
     WHERE /*filters f*/
       AND ($10::text IS NULL OR f.severity = $10)
       AND ($11::text IS NULL OR coalesce(f.workflow_state, f.status) = $11))
SELECT json_build_object(
    'items', coalesce((SELECT jsonb_agg(to_jsonb(p) - 'rank' ORDER BY p.rank NULLS LAST, p.updated_at DESC, p.finding_id)
                         FROM (SELECT finding_id, account_id, title, severity, status, service,
                                      resource_type, resource_id, region, updated_at, rank
                                 FROM f ORDER BY rank NULLS LAST, updated_at DESC, finding_id
                                LIMIT $8::int OFFSET $9::int) p), '[]'::jsonb),
    'total', (SELECT count(*) FROM f), 'limit', $8::int, 'offset', $9::int);
