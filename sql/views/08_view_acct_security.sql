-- Security Hub finding counts by severity and state with the account's details:
-- one row per security row.
CREATE OR REPLACE VIEW view_acct_security AS
SELECT
    s.*,
    a.account_id AS account,
    a.region AS account_region,
    a.account_name,
    a.account_type,
    a.category AS account_category,
    a.account_status,
    a.partner_name AS account_partner,
    a.customer_name AS account_customer,
    CONCAT(a.account_id, '-', a.account_name) AS account_full,
    p.name AS project_product_name
FROM security AS s
    INNER JOIN accounts AS a ON a.id = s.account_id
    LEFT JOIN (
        SELECT DISTINCT ON (account_id) account_id, product_id
        FROM product_accounts
        ORDER BY account_id, id
    ) AS first_link ON first_link.account_id = a.id
    LEFT JOIN products AS p ON p.id = first_link.product_id;
