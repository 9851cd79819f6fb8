-- Every account row with handy aliases, the "account_id-account_name" label and the
-- name of the account's first linked product: one row per accounts row.
CREATE OR REPLACE VIEW view_accounts AS
SELECT
    a.*,
    a.account_id AS account,
    a.category AS account_category,
    a.partner_name AS account_partner,
    a.customer_name AS account_customer,
    CONCAT(a.account_id, '-', a.account_name) AS account_full,
    p.name AS project_product_name
FROM accounts AS a
    LEFT JOIN (
        SELECT DISTINCT ON (account_id) account_id, product_id
        FROM product_accounts
        ORDER BY account_id, id
    ) AS first_link ON first_link.account_id = a.id
    LEFT JOIN products AS p ON p.id = first_link.product_id;
