-- GET /api/v1/security/findings: Security Hub findings. Paged ($8, $9) and sorted (/*sort*/;
-- by default most severe and newest first; finding_id last). $10 severity, $11 status
-- (workflow state), both optional. $1..$5 filters.
--
-- severity_level orders severities by weight (INFORMATIONAL 1 … CRITICAL 5): sort=-severity
-- puts CRITICAL first. It is not part of the answer.
WITH f AS NOT MATERIALIZED (
    SELECT f.finding_id, f.account AS account_id, f.title, f.severity,
           coalesce(f.workflow_state, f.status) AS status, f.service, f.resource_type,
           f.resource_id, f.region, f.updated_at,
           array_position(ARRAY['INFORMATIONAL', 'LOW', 'MEDIUM', 'HIGH', 'CRITICAL'],
                          f.severity::text) AS severity_level
      FROM view_acct_security_findings_details f
     WHERE /*filters f*/
       AND ($10::text IS NULL OR f.severity = $10)
       AND ($11::text IS NULL OR coalesce(f.workflow_state, f.status) = $11))
SELECT json_build_object(
    'items', coalesce((SELECT jsonb_agg(to_jsonb(p) - 'severity_level' ORDER BY /*sort*/)
                         FROM (SELECT * FROM f ORDER BY /*sort*/
                                LIMIT $8::int OFFSET $9::int) p), '[]'::jsonb),
    'total', (SELECT count(*) FROM f), 'limit', $8::int, 'offset', $9::int);
