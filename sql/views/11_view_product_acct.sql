-- Product/account links with the account's details and the linked product's name:
-- one row per product_accounts row.
CREATE OR REPLACE VIEW view_product_acct AS
SELECT
    pa.*,
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
FROM product_accounts AS pa
    INNER JOIN accounts AS a ON a.id = pa.account_id
    INNER JOIN products AS p ON p.id = pa.product_id;
