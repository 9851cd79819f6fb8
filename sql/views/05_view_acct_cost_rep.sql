-- Cost reports (current vs previous period, savings) with the account's details:
-- one row per cost_reports row (date_from/date_to repeat the report period).
CREATE OR REPLACE VIEW view_acct_cost_rep AS
SELECT
    cr.*,
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
    cr.period_start AS date_from,
    cr.period_end AS date_to
FROM cost_reports AS cr
    INNER JOIN accounts AS a ON a.id = cr.account_id
    LEFT JOIN (
        SELECT DISTINCT ON (account_id) account_id, product_id
        FROM product_accounts
        ORDER BY account_id, id
    ) AS first_link ON first_link.account_id = a.id
    LEFT JOIN products AS p ON p.id = first_link.product_id;
