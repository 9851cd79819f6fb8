-- Security Hub counts with the highest severity, resolution rate and risk level:
-- one row per security row.
CREATE OR REPLACE VIEW view_acct_security_findings_summary AS
SELECT
    a.account_id AS account,
    a.region AS account_region,
    a.account_name,
    a.account_type,
    a.category AS account_category,
    a.account_status,
    a.partner_name AS account_partner,
    a.customer_name AS account_customer,
    CONCAT(a.account_id, '-', a.account_name) AS account_full,
    p.name AS project_product_name,
    s.service,
    s.total_findings,
    s.critical_count,
    s.high_count,
    s.medium_count,
    s.low_count,
    s.informational_count,
    s.open_findings,
    s.resolved_findings,
    0 AS suppressed_count,
    0 AS in_progress_count,
    s.open_findings AS active_issues,
    'N/A'::text AS region_finding,
    s.resolved_findings AS resolved_count,
    CASE
        WHEN s.critical_count > 0 THEN 'CRITICAL'
        WHEN s.high_count > 0 THEN 'HIGH'
        WHEN s.medium_count > 0 THEN 'MEDIUM'
        WHEN s.low_count > 0 THEN 'LOW'
        WHEN s.informational_count > 0 THEN 'INFORMATIONAL'
        ELSE 'CLEAN'
    END AS severity,
    ROUND(s.resolved_findings::numeric / NULLIF(s.total_findings, 0) * 100, 2)
        AS resolution_rate_percent,
    CASE
        WHEN s.critical_count > 0 THEN 'Critical'
        WHEN s.high_count > 0 THEN 'High'
        WHEN s.medium_count > 0 THEN 'Medium'
        WHEN s.low_count > 0 THEN 'Low'
        ELSE 'Clean'
    END AS risk_level,
    s.created_at,
    s.updated_at
FROM security AS s
    INNER JOIN accounts AS a ON a.id = s.account_id
    LEFT JOIN (
        SELECT DISTINCT ON (account_id) account_id, product_id
        FROM product_accounts
        ORDER BY account_id, id
    ) AS first_link ON first_link.account_id = a.id
    LEFT JOIN products AS p ON p.id = first_link.product_id;
