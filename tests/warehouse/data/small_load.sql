-- Small, realistic View360 v2 warehouse data set: a few rows in every one of the 36 tables, so
-- that each of the 42 views (sql/views/) returns at least one row. Load it into an empty schema
-- (sql/migrations/0001_view360_v2_schema.sql). Ids come from the serial columns and foreign keys
-- are resolved by natural key, so the file does not depend on id values.
--
-- Accounts (all region 'Global'):
--   111111111111 payments-prod  linked to 'Payments Platform' (first link) and 'Data Platform',
--                               MONTHLY cost reports for Sep and Oct 2025, DAILY for Oct 30 and 31
--   222222222222 data-dev       linked to 'Data Platform', DAILY cost reports for Oct 30 and 31
--   333333333333 sandbox        no product link, no cost report
-- compute_optimizer.account_id is NOT NULL with a foreign key, so a row "without an account"
-- cannot exist. The sandbox account's row stands in for "no product" instead.
--
-- Expected results (checked against these views. Times such as account_age_days depend on now()):
--   SELECT count(*) FROM view_accounts                                              -> 3
--   SELECT count(*) FROM view_products                                              -> 2
--   SELECT count(*) FROM view_acct_products                                         -> 3
--   SELECT project_product_name FROM view_acct_products
--     WHERE account = '111111111111' AND name = 'Data Platform'                     -> Payments Platform
--   SELECT project_product_name FROM view_accounts WHERE account = '333333333333'   -> NULL
--   SELECT count(*) FROM view_summary                                               -> 4
--   SELECT current_period_cost, date_from FROM view_summary
--     WHERE account = '111111111111' AND period_granularity = 'MONTHLY'             -> 1234.57, 2025-10-01
--   SELECT current_period_cost FROM view_summary
--     WHERE account = '111111111111' AND period_granularity = 'DAILY'               -> 41.33
--   SELECT number_of_products, service_count, unique_services, total_service_cost,
--          total_findings, resolved_findings, security_resolution_rate FROM view_summary
--     WHERE account = '111111111111' AND period_granularity = 'MONTHLY'             -> 2, 4, 3, 1363.77, 12, 3, 0.2500
--   SELECT period_granularity, current_period_cost, number_of_products FROM view_summary
--     WHERE account = '333333333333'                                                -> NULL, NULL, 0
--   SELECT count(*) FROM view_product_summary                                       -> 6
--   SELECT latest_cost, security_findings, security_health_score, instance_count, running_instances
--     FROM view_acct_summary WHERE account = '111111111111'                         -> 1234.5678, 12, 1, 2, 1
--     (latest_cost is not rounded: psql shows 1234.5678000000)
--   SELECT latest_cost, security_findings, high_findings, security_health_score
--     FROM view_acct_summary WHERE account = '222222222222'                         -> 13.75, 4, 2, 2
--   SELECT severity, risk_level, resolution_rate_percent FROM view_acct_security_findings_summary
--     WHERE account = '111111111111' AND service = 'Security Hub'                   -> CRITICAL, Critical, 30.00
--   ... WHERE account = '222222222222' AND service = 'Security Hub'                 -> HIGH, High, 25.00
--   ... WHERE account = '333333333333' AND service = 'Inspector'                    -> INFORMATIONAL, Clean, 0.00
--   ... WHERE account = '333333333333' AND service = 'Config'                       -> CLEAN, Clean, NULL
--   SELECT resource_count, active_resources, inactive_resources FROM view_service_resources_summary
--     WHERE account_id = '111111111111' AND service_name = 'EC2' AND resource_type = 'Instance'
--       AND resource_region = 'eu-west-1' AND availability_zone = 'eu-west-1a'     -> 3, 2, 1
--   SELECT resource_count, total_monthly_savings, not_optimized_count, savings_opportunities
--     FROM view_compute_optimizer_summary
--     WHERE account = '111111111111' AND resource_type = 'EBS' AND finding = 'NotOptimized'
--                                                                                   -> 2, 8.00, 2, 1
--   SELECT count(*) FROM view_inventory_applications                                -> 3
--   SELECT count(*) FROM view_acct_log_messages                                     -> 3

-- Accounts -----------------------------------------------------------------------------------

INSERT INTO accounts (account_id, account_name, account_email, account_status, account_arn,
                      partner_name, customer_name, joined_method, joined_timestamp,
                      account_type, csp, region, category)
VALUES
    ('111111111111', 'payments-prod', 'aws-payments-prod@example.com', 'ACTIVE',
     'arn:aws:organizations::999999999999:account/o-exampleorg1/111111111111',
     'Acme Cloud Partners', 'Northwind Traders', 'INVITED', '2021-03-15 10:00:00+00',
     'Production', 'AWS', 'Global', 'Workload'),
    ('222222222222', 'data-dev', 'aws-data-dev@example.com', 'ACTIVE',
     'arn:aws:organizations::999999999999:account/o-exampleorg1/222222222222',
     'Acme Cloud Partners', 'Northwind Traders', 'CREATED', '2022-07-01 08:30:00+00',
     'Development', 'AWS', 'Global', 'Workload'),
    ('333333333333', 'sandbox', 'aws-sandbox@example.com', 'ACTIVE',
     'arn:aws:organizations::333333333333:account', 'None', 'None', 'CREATED',
     '2024-01-20 12:00:00+00', 'Sandbox', 'AWS', 'Global', 'Sandbox');

INSERT INTO contact_info (account_id, address_line1, address_line2, address_line3, city,
                          country_code, postal_code, state_or_region, company_name,
                          phone_number, website_url, full_name)
VALUES
    ((SELECT id FROM accounts WHERE account_id = '111111111111' AND region = 'Global'),
     '1 Harbour Street', 'Floor 4', NULL, 'Dublin', 'IE', 'D02 XY45', 'Dublin',
     'Northwind Traders Ltd', '+35315550100', 'https://northwind.example.com', 'Aoife Byrne'),
    ((SELECT id FROM accounts WHERE account_id = '222222222222' AND region = 'Global'),
     '1 Harbour Street', 'Floor 5', NULL, 'Dublin', 'IE', 'D02 XY45', 'Dublin',
     'Northwind Traders Ltd', '+35315550101', 'https://northwind.example.com', 'Liam Walsh');

INSERT INTO alternate_contacts (account_id, contact_type, full_name, title, email, phone_number)
VALUES
    ((SELECT id FROM accounts WHERE account_id = '111111111111' AND region = 'Global'),
     'billing', 'Maria Garcia', 'Finance Manager', 'billing@northwind.example.com', NULL),
    ((SELECT id FROM accounts WHERE account_id = '111111111111' AND region = 'Global'),
     'security', 'Tom Chen', 'CISO', 'security@northwind.example.com', NULL),
    ((SELECT id FROM accounts WHERE account_id = '333333333333' AND region = 'Global'),
     'operations', 'Sam Okafor', 'Platform Lead', 'ops@northwind.example.com', NULL);

-- Products -----------------------------------------------------------------------------------

INSERT INTO products (name, owner, position, description)
VALUES
    ('Payments Platform', 'Jane Doe', 'Product Owner', 'Card and wallet payment processing'),
    ('Data Platform', 'Raj Patel', 'Engineering Manager', 'Shared data lake and analytics');

-- Link order matters: the first link of 111111111111 (lowest id) is Payments Platform.
INSERT INTO product_accounts (product_id, account_id)
VALUES
    ((SELECT id FROM products WHERE name = 'Payments Platform'),
     (SELECT id FROM accounts WHERE account_id = '111111111111' AND region = 'Global'));
INSERT INTO product_accounts (product_id, account_id)
VALUES
    ((SELECT id FROM products WHERE name = 'Data Platform'),
     (SELECT id FROM accounts WHERE account_id = '111111111111' AND region = 'Global'));
INSERT INTO product_accounts (product_id, account_id)
VALUES
    ((SELECT id FROM products WHERE name = 'Data Platform'),
     (SELECT id FROM accounts WHERE account_id = '222222222222' AND region = 'Global'));

-- Services and cost --------------------------------------------------------------------------

INSERT INTO services (account_id, service, date_from, date_to, cost, currency, utilization,
                      utilization_unit, usage_types)
VALUES
    ((SELECT id FROM accounts WHERE account_id = '111111111111' AND region = 'Global'),
     'Amazon Elastic Compute Cloud - Compute', '2025-09-01', '2025-10-01', 600.00, 'USD',
     NULL, NULL, 'Aggregated'),
    ((SELECT id FROM accounts WHERE account_id = '111111111111' AND region = 'Global'),
     'Amazon Elastic Compute Cloud - Compute', '2025-10-01', '2025-11-01', 640.10, 'USD',
     NULL, NULL, 'Aggregated'),
    ((SELECT id FROM accounts WHERE account_id = '111111111111' AND region = 'Global'),
     'Amazon Simple Storage Service', '2025-10-01', '2025-11-01', 120.4678, 'USD',
     NULL, NULL, 'Aggregated'),
    ((SELECT id FROM accounts WHERE account_id = '111111111111' AND region = 'Global'),
     'AWS Lambda', '2025-10-01', '2025-11-01', 3.20, 'USD', NULL, NULL, 'Aggregated'),
    ((SELECT id FROM accounts WHERE account_id = '222222222222' AND region = 'Global'),
     'Amazon Relational Database Service', '2025-10-30', '2025-10-31', 9.00, 'USD',
     NULL, NULL, 'Aggregated'),
    ((SELECT id FROM accounts WHERE account_id = '222222222222' AND region = 'Global'),
     'Amazon Relational Database Service', '2025-10-31', '2025-11-01', 9.10, 'USD',
     NULL, NULL, 'Aggregated');

INSERT INTO cost_reports (account_id, current_period_cost, previous_period_cost,
                          cost_difference, cost_difference_percentage,
                          potential_monthly_savings, anomalies_detected,
                          saving_opportunities_count, period_start, period_end,
                          period_granularity, region)
VALUES
    ((SELECT id FROM accounts WHERE account_id = '111111111111' AND region = 'Global'),
     1180.25, 1102.50, 77.75, 7.0521541950, 60.00, 0, 2,
     '2025-09-01', '2025-10-01', 'MONTHLY', 'Global'),
    ((SELECT id FROM accounts WHERE account_id = '111111111111' AND region = 'Global'),
     1234.5678, 1180.25, 54.3178, 4.6022283415, 85.40, 1, 3,
     '2025-10-01', '2025-11-01', 'MONTHLY', 'Global'),
    ((SELECT id FROM accounts WHERE account_id = '111111111111' AND region = 'Global'),
     40.12, 39.80, 0.32, 0.8040201005, 0, 0, 0,
     '2025-10-30', '2025-10-31', 'DAILY', 'Global'),
    ((SELECT id FROM accounts WHERE account_id = '111111111111' AND region = 'Global'),
     41.3349, 40.12, 1.2149, 3.0281655035, 0, 0, 0,
     '2025-10-31', '2025-11-01', 'DAILY', 'Global'),
    ((SELECT id FROM accounts WHERE account_id = '222222222222' AND region = 'Global'),
     12.50, 12.00, 0.50, 4.1666666667, 0, 0, 0,
     '2025-10-30', '2025-10-31', 'DAILY', 'Global'),
    ((SELECT id FROM accounts WHERE account_id = '222222222222' AND region = 'Global'),
     13.75, 12.50, 1.25, 10.0000000000, 0, 0, 0,
     '2025-10-31', '2025-11-01', 'DAILY', 'Global');

INSERT INTO service_costs (cost_report_id, service_name, cost, region)
VALUES
    ((SELECT cr.id FROM cost_reports cr JOIN accounts a ON a.id = cr.account_id
      WHERE a.account_id = '111111111111' AND a.region = 'Global' AND cr.period_start = '2025-10-01'),
     'Amazon Elastic Compute Cloud - Compute', 640.10, 'Global'),
    ((SELECT cr.id FROM cost_reports cr JOIN accounts a ON a.id = cr.account_id
      WHERE a.account_id = '111111111111' AND a.region = 'Global' AND cr.period_start = '2025-10-01'),
     'Amazon Relational Database Service', 320.00, 'Global'),
    ((SELECT cr.id FROM cost_reports cr JOIN accounts a ON a.id = cr.account_id
      WHERE a.account_id = '111111111111' AND a.region = 'Global' AND cr.period_start = '2025-10-01'),
     'Amazon Simple Storage Service', 120.4678, 'Global'),
    ((SELECT cr.id FROM cost_reports cr JOIN accounts a ON a.id = cr.account_id
      WHERE a.account_id = '222222222222' AND a.region = 'Global' AND cr.period_start = '2025-10-31'),
     'Amazon Relational Database Service', 9.10, 'Global');

INSERT INTO cost_forecasts (cost_report_id, period_start, period_end, amount,
                            prediction_interval_lower_bound, prediction_interval_upper_bound,
                            region)
VALUES
    ((SELECT cr.id FROM cost_reports cr JOIN accounts a ON a.id = cr.account_id
      WHERE a.account_id = '111111111111' AND a.region = 'Global' AND cr.period_start = '2025-10-01'),
     '2025-11-01', '2025-12-01', 1260.00, 1190.00, 1330.00, 'Global'),
    ((SELECT cr.id FROM cost_reports cr JOIN accounts a ON a.id = cr.account_id
      WHERE a.account_id = '222222222222' AND a.region = 'Global' AND cr.period_start = '2025-10-31'),
     '2025-11-01', '2025-11-02', 13.90, NULL, NULL, 'Global');

-- Security Hub summaries and findings ------------------------------------------------------------
-- created_at is explicit: view_acct_summary takes the most recently created security row of
-- all accounts (222222222222's).

INSERT INTO security (account_id, service, total_findings, critical_count, high_count,
                      medium_count, low_count, informational_count, open_findings,
                      resolved_findings, created_at, updated_at)
VALUES
    ((SELECT id FROM accounts WHERE account_id = '111111111111' AND region = 'Global'),
     'Security Hub', 10, 1, 3, 4, 2, 0, 7, 3,
     '2025-11-01 06:00:00+00', '2025-11-01 06:00:00+00'),
    ((SELECT id FROM accounts WHERE account_id = '111111111111' AND region = 'Global'),
     'GuardDuty', 2, 0, 0, 1, 1, 0, 2, 0,
     '2025-11-01 06:00:05+00', '2025-11-01 06:00:05+00'),
    ((SELECT id FROM accounts WHERE account_id = '222222222222' AND region = 'Global'),
     'Security Hub', 4, 0, 2, 1, 1, 0, 3, 1,
     '2025-11-01 07:00:00+00', '2025-11-01 07:00:00+00'),
    ((SELECT id FROM accounts WHERE account_id = '333333333333' AND region = 'Global'),
     'Inspector', 3, 0, 0, 0, 0, 3, 3, 0,
     '2025-10-31 06:00:00+00', '2025-10-31 06:00:00+00'),
    ((SELECT id FROM accounts WHERE account_id = '333333333333' AND region = 'Global'),
     'Config', 0, 0, 0, 0, 0, 0, 0, 0,
     '2025-10-31 06:00:01+00', '2025-10-31 06:00:01+00');

INSERT INTO findings (security_id, finding_id, service, title, description, severity, status,
                      resource_type, resource_id, created_at, updated_at, recommendation,
                      compliance_status, region, workflow_state, record_state, product_name,
                      company_name, product_arn, generator_id, generator)
VALUES
    ((SELECT s.id FROM security s JOIN accounts a ON a.id = s.account_id
      WHERE a.account_id = '111111111111' AND a.region = 'Global' AND s.service = 'Security Hub'),
     'arn:aws:securityhub:eu-west-1:111111111111:subscription/aws-foundational-security-best-practices/v/1.0.0/S3.8/finding/0f1e2d3c-0001',
     'AwsS3Bucket', 'S3 general purpose buckets should block public access',
     'This control checks whether an S3 bucket has bucket-level Block Public Access settings.',
     'CRITICAL', 'NEW', 'AwsS3Bucket', 'arn:aws:s3:::northwind-payments-exports',
     '2025-10-28 09:15:00+00', '2025-10-31 09:15:00+00',
     'Enable all Block Public Access settings on the bucket.', 'FAILED', 'eu-west-1', 'NEW',
     'ACTIVE', 'Security Hub', 'AWS',
     'arn:aws:securityhub:eu-west-1::product/aws/securityhub',
     'aws-foundational-security-best-practices/v/1.0.0/S3.8', 'Security Hub'),
    ((SELECT s.id FROM security s JOIN accounts a ON a.id = s.account_id
      WHERE a.account_id = '111111111111' AND a.region = 'Global' AND s.service = 'Security Hub'),
     'arn:aws:securityhub:eu-west-1:111111111111:subscription/aws-foundational-security-best-practices/v/1.0.0/EC2.19/finding/0f1e2d3c-0002',
     'AwsEc2SecurityGroup', 'Security groups should not allow unrestricted access to ports with high risk',
     NULL, 'HIGH', 'RESOLVED', 'AwsEc2SecurityGroup', 'sg-0123456789abcdef0',
     '2025-10-20 11:00:00+00', '2025-10-30 16:45:00+00',
     'Remove 0.0.0.0/0 ingress rules for high-risk ports.', 'PASSED', 'eu-west-1', 'RESOLVED',
     'ARCHIVED', 'Security Hub', 'AWS',
     'arn:aws:securityhub:eu-west-1::product/aws/securityhub',
     'aws-foundational-security-best-practices/v/1.0.0/EC2.19', 'Security Hub'),
    ((SELECT s.id FROM security s JOIN accounts a ON a.id = s.account_id
      WHERE a.account_id = '222222222222' AND a.region = 'Global' AND s.service = 'Security Hub'),
     'arn:aws:securityhub:eu-west-1:222222222222:subscription/aws-foundational-security-best-practices/v/1.0.0/RDS.3/finding/0f1e2d3c-0003',
     'AwsRdsDbInstance', 'RDS DB instances should have encryption at-rest enabled', NULL,
     'MEDIUM', 'NEW', 'AwsRdsDbInstance', 'arn:aws:rds:eu-west-1:222222222222:db:analytics-dev',
     '2025-10-29 08:00:00+00', '2025-10-31 08:00:00+00',
     'Create an encrypted snapshot and restore it to a new encrypted instance.', 'FAILED',
     'eu-west-1', 'NEW', 'ACTIVE', 'Security Hub', 'AWS',
     'arn:aws:securityhub:eu-west-1::product/aws/securityhub',
     'aws-foundational-security-best-practices/v/1.0.0/RDS.3', 'Security Hub');

INSERT INTO guard_duty_findings (account_id, detector_id, finding_type, severity, title,
                                 description, confidence, region)
VALUES
    ((SELECT id FROM accounts WHERE account_id = '111111111111' AND region = 'Global'),
     '7ac6f1a2b3c4d5e6f7a8b9c0d1e2f3a4', 'Recon:EC2/PortProbeUnprotectedPort', 5.0,
     'Unprotected port on EC2 instance i-0a1b2c3d4e5f60001 is being probed.',
     'EC2 instance has an unprotected port 22 which is being probed by a known malicious host.',
     7.5, 'eu-west-1'),
    ((SELECT id FROM accounts WHERE account_id = '222222222222' AND region = 'Global'),
     '8bd7e2b3c4d5e6f7a8b9c0d1e2f3a4b5', 'UnauthorizedAccess:IAMUser/ConsoleLoginSuccess.B', 8.0,
     'Unusual console login seen for principal data-admin.',
     'Principal data-admin logged in from an unusual location.', 9.0, 'eu-west-1');

INSERT INTO kms_keys (account_id, key_id, arn, description, key_usage, key_state,
                      creation_date, enabled, key_rotation_enabled)
VALUES
    ((SELECT id FROM accounts WHERE account_id = '111111111111' AND region = 'Global'),
     '1234abcd-12ab-34cd-56ef-1234567890ab',
     'arn:aws:kms:eu-west-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab',
     'payments data encryption', 'ENCRYPT_DECRYPT', 'Enabled', '2023-02-01 10:00:00+00',
     TRUE, TRUE),
    ((SELECT id FROM accounts WHERE account_id = '222222222222' AND region = 'Global'),
     '5678efgh-56ef-78gh-90ij-0987654321cd',
     'arn:aws:kms:eu-west-1:222222222222:key/5678efgh-56ef-78gh-90ij-0987654321cd',
     'data lake key', 'ENCRYPT_DECRYPT', 'Enabled', '2023-08-11 14:30:00+00', TRUE, FALSE);

INSERT INTO waf_rules (account_id, name, waf_id, arn, scope, description, default_action,
                       rules_count, logging_enabled, geo_blocking_enabled, blocked_countries)
VALUES
    ((SELECT id FROM accounts WHERE account_id = '111111111111' AND region = 'Global'),
     'payments-api-acl', 'a1b2c3d4-5678-90ab-cdef-EXAMPLE11111',
     'arn:aws:wafv2:eu-west-1:111111111111:regional/webacl/payments-api-acl/a1b2c3d4-5678-90ab-cdef-EXAMPLE11111',
     'REGIONAL', '', '{"Allow": {}}', 2, TRUE, TRUE, '["KP", "IR"]');

INSERT INTO waf_rules_detailed (account_id, web_acl_name, rule_name, priority, action,
                                statement_type, is_managed_rule, is_custom_rule, rate_limit,
                                logging_enabled, geo_blocking, sql_injection,
                                sample_request_enabled, cloudwatch_enabled,
                                has_xss_protection, waf_version, is_compliant, scope)
VALUES
    ((SELECT id FROM accounts WHERE account_id = '111111111111' AND region = 'Global'),
     'payments-api-acl', 'AWS-AWSManagedRulesSQLiRuleSet', 0, '{"None": {}}',
     'ManagedRuleGroupStatement', TRUE, FALSE, FALSE, TRUE, FALSE, TRUE, TRUE, TRUE, FALSE,
     'v2', TRUE, 'REGIONAL'),
    ((SELECT id FROM accounts WHERE account_id = '111111111111' AND region = 'Global'),
     'payments-api-acl', 'block-embargoed-countries', 1, '{"Block": {}}',
     'GeoMatchStatement', FALSE, TRUE, FALSE, TRUE, TRUE, FALSE, TRUE, TRUE, FALSE,
     'v2', TRUE, 'REGIONAL');

INSERT INTO cloudtrail_logs (account_id, name, arn, is_logging, is_multi_region, s3_bucket,
                             kms_key_id, log_file_validation, latest_delivery_time)
VALUES
    ((SELECT id FROM accounts WHERE account_id = '111111111111' AND region = 'Global'),
     'org-trail', 'arn:aws:cloudtrail:eu-west-1:111111111111:trail/org-trail', TRUE, TRUE,
     'northwind-cloudtrail-logs',
     'arn:aws:kms:eu-west-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab', TRUE,
     '2025-11-01 05:55:00+00'),
    ((SELECT id FROM accounts WHERE account_id = '333333333333' AND region = 'Global'),
     'sandbox-trail', 'arn:aws:cloudtrail:eu-west-1:333333333333:trail/sandbox-trail', FALSE,
     FALSE, 'northwind-sandbox-trail', NULL, FALSE, NULL);

INSERT INTO secrets_manager_secrets (account_id, name, arn, description, created_date,
                                     last_changed_date, rotation_enabled)
VALUES
    ((SELECT id FROM accounts WHERE account_id = '111111111111' AND region = 'Global'),
     'prod/payments/db', 'arn:aws:secretsmanager:eu-west-1:111111111111:secret:prod/payments/db-AbCdEf',
     'Payments database credentials', '2023-03-01 09:00:00+00', '2025-10-01 09:00:00+00', TRUE),
    ((SELECT id FROM accounts WHERE account_id = '222222222222' AND region = 'Global'),
     'dev/analytics/api-key', 'arn:aws:secretsmanager:eu-west-1:222222222222:secret:dev/analytics/api-key-GhIjKl',
     NULL, '2024-05-10 12:00:00+00', '2024-05-10 12:00:00+00', NULL);

INSERT INTO certificates (account_id, arn, domain_name, status, type, not_after)
VALUES
    ((SELECT id FROM accounts WHERE account_id = '111111111111' AND region = 'Global'),
     'arn:aws:acm:eu-west-1:111111111111:certificate/9f8e7d6c-0001-4a5b-8c9d-0e1f2a3b4c5d',
     'pay.northwind.example.com', 'ISSUED', 'AMAZON_ISSUED', '2026-04-30 23:59:59+00');

INSERT INTO inspector_findings (account_id, finding_arn, severity, status, type, title,
                                description, first_observed_at)
VALUES
    ((SELECT id FROM accounts WHERE account_id = '111111111111' AND region = 'Global'),
     'arn:aws:inspector2:eu-west-1:111111111111:finding/0a1b2c3d4e5f60718293a4b5c6d7e8f9',
     'HIGH', 'ACTIVE', 'PACKAGE_VULNERABILITY', 'CVE-2024-6387 - openssh',
     'A signal handler race condition was found in sshd.', '2025-10-15 03:20:00+00'),
    ((SELECT id FROM accounts WHERE account_id = '333333333333' AND region = 'Global'),
     'arn:aws:inspector2:eu-west-1:333333333333:finding/1b2c3d4e5f60718293a4b5c6d7e8f90a',
     'INFORMATIONAL', 'ACTIVE', 'NETWORK_REACHABILITY', 'Port 443 is reachable from an Internet Gateway',
     NULL, '2025-10-30 10:00:00+00');

-- Config -----------------------------------------------------------------------------------------

INSERT INTO config_reports (account_id, date_from, date_to, compliance_score, total_rules,
                            compliant_rules, non_compliant_rules, curr_non_compliant,
                            curr_compliant)
VALUES
    ((SELECT id FROM accounts WHERE account_id = '111111111111' AND region = 'Global'),
     '2025-10-31', '2025-11-01', 80.00, 10, 8, 2, 1, 3),
    ((SELECT id FROM accounts WHERE account_id = '222222222222' AND region = 'Global'),
     '2025-10-31', '2025-11-01', 66.67, 6, 4, 2, 1, 1);

INSERT INTO non_compliant_resources (config_report_id, resource_type, resource_id,
                                     compliance_type, rule_name, created_at, annotation,
                                     evaluation_mode, conformance_pack)
VALUES
    ((SELECT c.id FROM config_reports c JOIN accounts a ON a.id = c.account_id
      WHERE a.account_id = '111111111111' AND a.region = 'Global' AND c.date_from = '2025-10-31'),
     'AWS::S3::Bucket', 'northwind-payments-exports', 'NON_COMPLIANT',
     's3-bucket-public-read-prohibited', '2025-10-31 04:12:00+00',
     'The bucket policy allows public read access.', 'DETECTIVE', 'Standalone'),
    ((SELECT c.id FROM config_reports c JOIN accounts a ON a.id = c.account_id
      WHERE a.account_id = '111111111111' AND a.region = 'Global' AND c.date_from = '2025-10-31'),
     'AWS::EC2::Volume', 'vol-0a1b2c3d4e5f60001', 'COMPLIANT', 'encrypted-volumes',
     '2025-10-31 04:13:00+00', NULL, 'DETECTIVE', 'Operational-Best-Practices-for-PCI-DSS'),
    ((SELECT c.id FROM config_reports c JOIN accounts a ON a.id = c.account_id
      WHERE a.account_id = '222222222222' AND a.region = 'Global' AND c.date_from = '2025-10-31'),
     'AWS::RDS::DBInstance', 'analytics-dev', 'NON_COMPLIANT', 'rds-storage-encrypted',
     '2025-10-31 05:00:00+00', NULL, 'DETECTIVE', 'Standalone');

INSERT INTO config_inventory (account_id, resource_type, resource_subtype, resource_id,
                              resource_name, region, availability_zone, state, instance_type,
                              vpc_id, creation_date, multi_az)
VALUES
    ((SELECT id FROM accounts WHERE account_id = '111111111111' AND region = 'Global'),
     'AWS::EC2::Instance', 'm5.large', 'i-0a1b2c3d4e5f60001', 'payments-api-1', 'eu-west-1',
     'eu-west-1a', 'running', 'm5.large', 'vpc-0aa11bb22cc33dd44', '2024-02-10 09:00:00+00',
     NULL),
    ((SELECT id FROM accounts WHERE account_id = '222222222222' AND region = 'Global'),
     'AWS::RDS::DBInstance', 'postgres', 'analytics-dev', 'analytics-dev', 'eu-west-1',
     'eu-west-1b', 'available', NULL, 'vpc-0ee55ff66aa77bb88', '2024-06-01 12:00:00+00', FALSE);

-- Service resources and Compute Optimizer -------------------------------------------------------

INSERT INTO service_resources (account_id, service_name, resource_type, resource_id,
                               resource_name, region, availability_zone, state, instance_type,
                               vpc_id, engine, instance_class, multi_az, size_gb, volume_type,
                               creation_date, type, scheme, instance_count, min_size, max_size,
                               available_ip_count)
VALUES
    ((SELECT id FROM accounts WHERE account_id = '111111111111' AND region = 'Global'),
     'EC2', 'Instance', 'i-0a1b2c3d4e5f60001', 'payments-api-1', 'eu-west-1', 'eu-west-1a',
     'running', 'm5.large', 'vpc-0aa11bb22cc33dd44', NULL, NULL, NULL, NULL, NULL, NULL, NULL,
     NULL, NULL, NULL, NULL, NULL),
    ((SELECT id FROM accounts WHERE account_id = '111111111111' AND region = 'Global'),
     'EC2', 'Instance', 'i-0a1b2c3d4e5f60002', 'payments-api-2', 'eu-west-1', 'eu-west-1a',
     'running', 'm5.large', 'vpc-0aa11bb22cc33dd44', NULL, NULL, NULL, NULL, NULL, NULL, NULL,
     NULL, NULL, NULL, NULL, NULL),
    ((SELECT id FROM accounts WHERE account_id = '111111111111' AND region = 'Global'),
     'EC2', 'Instance', 'i-0a1b2c3d4e5f60009', 'payments-batch', 'eu-west-1', 'eu-west-1a',
     'stopped', 'c5.xlarge', 'vpc-0aa11bb22cc33dd44', NULL, NULL, NULL, NULL, NULL, NULL, NULL,
     NULL, NULL, NULL, NULL, NULL),
    ((SELECT id FROM accounts WHERE account_id = '111111111111' AND region = 'Global'),
     'RDS', 'DBInstance', 'payments-db', 'payments-db', 'eu-west-1', 'eu-west-1b', 'available',
     NULL, NULL, 'postgres', 'db.r6g.large', TRUE, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
     NULL, NULL),
    ((SELECT id FROM accounts WHERE account_id = '111111111111' AND region = 'Global'),
     'S3', 'Bucket', 'northwind-payments-exports', 'northwind-payments-exports', 'eu-west-1',
     NULL, 'Active', NULL, NULL, NULL, NULL, NULL, NULL, NULL, '2023-04-05 10:00:00+00', NULL,
     NULL, NULL, NULL, NULL, NULL),
    ((SELECT id FROM accounts WHERE account_id = '222222222222' AND region = 'Global'),
     'EC2', 'Instance', 'i-0b1c2d3e4f5a60003', 'etl-worker', 'eu-west-1', 'eu-west-1b',
     'pending', 't3.medium', 'vpc-0ee55ff66aa77bb88', NULL, NULL, NULL, NULL, NULL, NULL, NULL,
     NULL, NULL, NULL, NULL, NULL),
    ((SELECT id FROM accounts WHERE account_id = '333333333333' AND region = 'Global'),
     'Lambda', 'Function', 'arn:aws:lambda:eu-west-1:333333333333:function:hello-world',
     'hello-world', 'eu-west-1', 'Generic', NULL, 'python3.12', '', 'python3.12', '', TRUE, 0,
     'EphemeralStorage', '2025-09-12 15:04:00+00', 'Zip', 'arm64', 1, NULL, 512, NULL);

INSERT INTO compute_optimizer (account_id, resource_type, resource_arn, resource_name, finding,
                               current_instance_type, current_memory_size, current_volume_type,
                               current_volume_size, recommended_instance_type,
                               recommended_memory_size, recommended_volume_type,
                               recommended_volume_size, savings_opportunity_percentage,
                               estimated_monthly_savings_usd, performance_risk,
                               cpu_utilization_max, memory_utilization_avg, migration_effort)
VALUES
    ((SELECT id FROM accounts WHERE account_id = '111111111111' AND region = 'Global'),
     'EC2', 'arn:aws:ec2:eu-west-1:111111111111:instance/i-0a1b2c3d4e5f60002', 'payments-api-2',
     'Overprovisioned', 'm5.large', NULL, NULL, NULL, 'm6g.medium', NULL, NULL, NULL,
     52.30, 45.60, 1.00, 0, 0, NULL),
    ((SELECT id FROM accounts WHERE account_id = '111111111111' AND region = 'Global'),
     'EBS', 'arn:aws:ec2:eu-west-1:111111111111:volume/vol-0a1b2c3d4e5f60001', NULL,
     'NotOptimized', NULL, NULL, 'gp2', 200, NULL, NULL, 'gp3', 200, 20.00, 8.00, 0.00, NULL,
     NULL, NULL),
    ((SELECT id FROM accounts WHERE account_id = '111111111111' AND region = 'Global'),
     'EBS', 'arn:aws:ec2:eu-west-1:111111111111:volume/vol-0a1b2c3d4e5f60002', NULL,
     'NotOptimized', NULL, NULL, 'io1', 100, NULL, NULL, 'io1', 100, 0.00, 0.00, 1.00, NULL,
     NULL, NULL),
    ((SELECT id FROM accounts WHERE account_id = '333333333333' AND region = 'Global'),
     'Lambda', 'arn:aws:lambda:eu-west-1:333333333333:function:hello-world', 'hello-world',
     'NotOptimized', NULL, 1024, NULL, NULL, NULL, 512, NULL, NULL, 35.00, 1.25, NULL, NULL,
     NULL, NULL);

-- Inventory (SSM) --------------------------------------------------------------------------------

INSERT INTO inventory_instances (account_id, instance_id, instance_type, platform, ip_address,
                                 computer_name, ping_status, last_ping_date_time,
                                 agent_version, platform_type, platform_version,
                                 is_latest_version, association_status,
                                 association_execution_date, association_success_date)
VALUES
    ((SELECT id FROM accounts WHERE account_id = '111111111111' AND region = 'Global'),
     'i-0a1b2c3d4e5f60001', 'EC2Instance', 'Amazon Linux', '10.0.1.15',
     'ip-10-0-1-15.eu-west-1.compute.internal', 'Online', '2025-11-01 05:58:00+00',
     '3.3.987.0', 'Linux', '2023', TRUE, 'Success', '2025-11-01 05:30:00+00',
     '2025-11-01 05:30:00+00'),
    ((SELECT id FROM accounts WHERE account_id = '111111111111' AND region = 'Global'),
     'i-0a1b2c3d4e5f60002', 'EC2Instance', 'Microsoft Windows Server 2022 Datacenter',
     '10.0.1.16', 'EC2AMAZ-PAY02', 'ConnectionLost', '2025-10-29 22:10:00+00', '3.3.551.0',
     'Windows', '10.0.20348', FALSE, 'Failed', '2025-10-29 22:00:00+00', NULL),
    ((SELECT id FROM accounts WHERE account_id = '222222222222' AND region = 'Global'),
     'i-0b1c2d3e4f5a60003', 'EC2Instance', 'Ubuntu', '10.1.2.20',
     'ip-10-1-2-20.eu-west-1.compute.internal', 'Online', '2025-11-01 06:01:00+00',
     '3.3.987.0', 'Linux', '22.04', TRUE, 'Success', '2025-11-01 05:45:00+00',
     '2025-11-01 05:45:00+00');

INSERT INTO inventory_applications (account_id, instance_id, name, version, publisher,
                                    architecture, application_type, install_time)
VALUES
    ((SELECT id FROM accounts WHERE account_id = '111111111111' AND region = 'Global'),
     (SELECT id FROM inventory_instances WHERE instance_id = 'i-0a1b2c3d4e5f60001'),
     'amazon-ssm-agent', '3.3.987.0', 'Amazon.com', 'x86_64', 'System Environment/Daemons',
     '2025-10-02 03:00:00+00'),
    ((SELECT id FROM accounts WHERE account_id = '111111111111' AND region = 'Global'),
     (SELECT id FROM inventory_instances WHERE instance_id = 'i-0a1b2c3d4e5f60001'),
     'nginx', '1.24.0', 'Amazon Linux', 'x86_64', 'System Environment/Daemons',
     '2025-06-14 10:20:00+00'),
    ((SELECT id FROM accounts WHERE account_id = '222222222222' AND region = 'Global'),
     (SELECT id FROM inventory_instances WHERE instance_id = 'i-0b1c2d3e4f5a60003'),
     'postgresql-client-15', '15.8-0ubuntu0.22.04.1', 'Ubuntu Developers', 'amd64', NULL, NULL);

INSERT INTO inventory_patches (account_id, instance_id, title, classification, severity, state,
                               installed_time)
VALUES
    ((SELECT id FROM accounts WHERE account_id = '111111111111' AND region = 'Global'),
     (SELECT id FROM inventory_instances WHERE instance_id = 'i-0a1b2c3d4e5f60001'),
     'openssh-8.7p1-38.amzn2023.0.2.x86_64', 'Security', 'Critical', 'Installed',
     '2025-10-31 02:00:00+00'),
    ((SELECT id FROM accounts WHERE account_id = '111111111111' AND region = 'Global'),
     (SELECT id FROM inventory_instances WHERE instance_id = 'i-0a1b2c3d4e5f60001'),
     'kernel-6.1.112-122.189.amzn2023.x86_64', 'Security', 'Important', 'InstalledPendingReboot',
     '2025-10-31 02:05:00+00'),
    ((SELECT id FROM accounts WHERE account_id = '222222222222' AND region = 'Global'),
     (SELECT id FROM inventory_instances WHERE instance_id = 'i-0b1c2d3e4f5a60003'),
     'libssl3', 'Normal', 'None', 'Installed', '2025-10-31 03:10:00+00');

-- Flat categories --------------------------------------------------------------------------------

INSERT INTO marketplace_usage (account_id, product_code, product_name, cost_consumed, currency,
                               period_start, period_end, status)
VALUES
    ((SELECT id FROM accounts WHERE account_id = '111111111111' AND region = 'Global'),
     'MARKETPLACE_USAGE', 'AWS Marketplace Products', 42.1500000000, 'USD', '2025-10-01',
     '2025-11-01', 'CONSUMED');

INSERT INTO trusted_advisor_checks (account_id, check_name, category, severity, recommendation,
                                    affected_resources_count, potential_savings, timestamp)
VALUES
    ((SELECT id FROM accounts WHERE account_id = '111111111111' AND region = 'Global'),
     'Low Utilization Amazon EC2 Instances', 'cost_optimizing', 'warning',
     'Checks the Amazon EC2 instances that were running at any time during the last 14 days.',
     2, 88.20, '2025-10-31 23:00:00+00'),
    ((SELECT id FROM accounts WHERE account_id = '222222222222' AND region = 'Global'),
     'Security Groups - Specific Ports Unrestricted', 'security', 'error',
     'Checks security groups for rules that allow unrestricted access to specific ports.',
     1, NULL, '2025-10-31 23:00:00+00');

INSERT INTO health_events (account_id, arn, service, event_type_code, region, start_time,
                           end_time, status_code)
VALUES
    ((SELECT id FROM accounts WHERE account_id = '111111111111' AND region = 'Global'),
     'arn:aws:health:eu-west-1::event/EC2/AWS_EC2_INSTANCE_STORE_DRIVE_PERFORMANCE_DEGRADED/AWS_EC2_INSTANCE_STORE_DRIVE_PERFORMANCE_DEGRADED_abc123',
     'EC2', 'AWS_EC2_INSTANCE_STORE_DRIVE_PERFORMANCE_DEGRADED', 'eu-west-1',
     '2025-10-31 14:00:00+00', NULL, 'open');

INSERT INTO application_signals (account_id, service_name, namespace, key_attributes)
VALUES
    ((SELECT id FROM accounts WHERE account_id = '111111111111' AND region = 'Global'),
     'payments-api', 'eks:payments/default',
     '{"Type": "Service", "Name": "payments-api", "Environment": "eks:payments/default"}');

INSERT INTO resilience_hub_apps (account_id, app_arn, name, compliance_status,
                                 resiliency_score, status, cost, description, creation_time,
                                 last_assessment_time, rpo, rto, last_drill)
VALUES
    ((SELECT id FROM accounts WHERE account_id = '111111111111' AND region = 'Global'),
     'arn:aws:resiliencehub:eu-west-1:111111111111:app/5f4e3d2c-0001-4b5a-9c8d-7e6f5a4b3c2d',
     'payments', 'PolicyMet', 87.50, 'Active', NULL, 'Payments API and database',
     '2025-05-02 09:00:00+00', '2025-10-31 09:30:00+00', 300, 3600, NULL);

INSERT INTO support_tickets (account_id, case_id, display_id, subject, status, severity_code,
                             service_code, category_code, time_created, submitted_by,
                             language, date_from, date_to)
VALUES
    ((SELECT id FROM accounts WHERE account_id = '111111111111' AND region = 'Global'),
     'case-111111111111-muen-2025-0a1b2c3d4e5f6a7b', '17123456781',
     'RDS instance payments-db stuck in modifying state', 'opened', 'high',
     'amazon-relational-database-service', 'performance', '2025-10-31 08:12:00+00',
     'aoife.byrne@northwind.example.com', 'en', '2025-10-31', '2025-11-01');

INSERT INTO ri_sp_daily_savings (account_id, date_from, date_to, reservation_type,
                                 subscription_id, offering_id, savings_plan_arn, service,
                                 instance_type, instance_count, instance_family,
                                 instance_tenancy, offering_class, product_types, region,
                                 utilization_percentage, on_demand_cost, reservation_cost,
                                 net_savings, commitment, upfront_cost, recurring_cost,
                                 recurring_frequency, usage_price, currency, start_date,
                                 end_date, returnable_until, duration_seconds, offering_type,
                                 state, description)
VALUES
    ((SELECT id FROM accounts WHERE account_id = '111111111111' AND region = 'Global'),
     '2025-10-31', '2025-11-01', 'Savings Plan', 'sp-0a1b2c3d4e5f6a7b8',
     'ab12cd34-ef56-7890-ab12-cd34ef567890',
     'arn:aws:savingsplans::111111111111:savingsplan/sp-0a1b2c3d4e5f6a7b8', 'AWS Savings Plans',
     'Compute', NULL, NULL, NULL, NULL, 'EC2,Fargate,Lambda', 'eu-west-1', 96.40, 31.20, 24.00,
     7.20, 1.00, 0.00, 730.00, NULL, NULL, 'USD', '2025-01-01 00:00:00+00',
     '2026-01-01 00:00:00+00', NULL, 31536000, 'No Upfront', 'active',
     '1 year No Upfront Compute Savings Plan'),
    ((SELECT id FROM accounts WHERE account_id = '111111111111' AND region = 'Global'),
     '2025-10-31', '2025-11-01', 'Reserved Instance', '4b2a9c1d-7e6f-4a5b-9c8d-1e2f3a4b5c6d',
     NULL, NULL, 'Amazon EC2', 'm5.large', 2, NULL, 'default', 'standard', 'Linux/UNIX',
     'Region', 100.00, 4.61, 3.02, 1.59, 91.98, 0.00, 0.06, 'Hourly', 0.00, 'USD',
     '2025-03-01 00:00:00+00', '2026-03-01 00:00:00+00', NULL, 31536000, 'No Upfront',
     'active', '2x m5.large Linux/UNIX');

-- Collection logs --------------------------------------------------------------------------------

INSERT INTO logs (account_id, date_created, account_status, cost_status, service_status,
                  security_status, config_status, inventory_status, marketplace_status,
                  trusted_advisor_status, health_status, application_status,
                  resilience_hub_status)
VALUES
    ((SELECT id FROM accounts WHERE account_id = '111111111111' AND region = 'Global'),
     '2025-11-01 06:10:00+00', 'Pass', 'Fail', 'Pass', 'Pass', 'Pass', 'Pass', 'Pass', 'Pass',
     'Pass', 'Pass', 'Pass'),
    ((SELECT id FROM accounts WHERE account_id = '222222222222' AND region = 'Global'),
     '2025-11-01 07:10:00+00', 'Pass', 'Pass', 'Pass', 'Pass', 'Pass', 'Pass', 'Pass', 'Pass',
     'Pass', 'Pass', 'Pass'),
    ((SELECT id FROM accounts WHERE account_id = '333333333333' AND region = 'Global'),
     '2025-11-01 06:40:00+00', 'Pass', 'Pass', 'Pass', 'Pass', 'Pass', 'Fail', 'Pass', 'Pass',
     'Pass', 'Pass', 'Pass');

INSERT INTO log_messages (log_id, message, message_type)
VALUES
    ((SELECT l.id FROM logs l JOIN accounts a ON a.id = l.account_id
      WHERE a.account_id = '111111111111' AND a.region = 'Global'
        AND l.date_created = '2025-11-01 06:10:00+00'),
     'DataUnavailableException: Insufficient amount of historical data', 'Forecast unavailable'),
    ((SELECT l.id FROM logs l JOIN accounts a ON a.id = l.account_id
      WHERE a.account_id = '111111111111' AND a.region = 'Global'
        AND l.date_created = '2025-11-01 06:10:00+00'),
     'ThrottlingException: Rate exceeded (GetCostAndUsage)', 'cost_analysis'),
    ((SELECT l.id FROM logs l JOIN accounts a ON a.id = l.account_id
      WHERE a.account_id = '333333333333' AND a.region = 'Global'
        AND l.date_created = '2025-11-01 06:40:00+00'),
     'AccessDeniedException: User is not authorized to perform: ssm:DescribeInstanceInformation',
     'inventory');
