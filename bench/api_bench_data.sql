-- api_bench's warehouse: {accounts} accounts x {days} days up to {latest}, written set-based into
-- the View360 v2 tables in the shapes the receiver writes them (docs/ingest.md), with volumes
-- per account and day like a real organisation's DAILY documents:
--   accounts        a row per account and region: the home region us-east-1, and eu-west-1 for
--                   every fifth account (regional data only there: findings, Config, resources)
--   tags            40 customers, 8 partners (30 % none), 4 environments, 12 products (a third
--                   of the accounts has two)
--   services        20-40 services' daily costs per account (Aggregated usage types)
--   cost_reports    one DAILY report per account and day, its top 5 services (service_costs)
--                   and two monthly forecast periods (cost_forecasts)
--   findings        50-350 Security Hub findings per account row, current state, every severity
--                   and workflow state, created over 120 days
--   config_reports  one per account row and day, 5-20 non-compliant resources and one compliant
--   resources       50-450 per account row (service_resources)
--   support cases   0-10 per account; health events 5-29 per account
--   logs            one per document (collection run of an account and region), 10 % with a
--                   message; every 50th account stopped reporting 5 days before the end
--   ingest          4 runs a day; a ledger row per document, 0.3 % failed with reasons, 30
--                   refused documents of an account that never loaded, the last ones pending
-- Deterministic: setseed() and one session (INSERT ... SELECT runs without parallel workers).
SET TimeZone = 'UTC';
SELECT setseed(0.36);

CREATE TEMP TABLE b_account AS
SELECT i, lpad((100000000000 + i)::text, 12, '0') AS account_id,
       (ARRAY['shop', 'data', 'auth', 'search', 'billing', 'ml', 'web', 'batch', 'edge', 'core'])
           [1 + i % 10] || '-' || (ARRAY['prod', 'stage', 'dev', 'sandbox'])[1 + i % 4] || '-'
           || i AS account_name,
       'Customer ' || lpad((1 + (i * 7) % 40)::text, 2, '0') AS customer,
       CASE WHEN i % 10 < 7 THEN 'Partner ' || (1 + i % 8) END AS partner,
       (ARRAY['PRODUCTION', 'STAGING', 'DEVELOPMENT', 'SANDBOX'])[1 + i % 4] AS environment,
       CASE WHEN i % 97 = 13 THEN 'SUSPENDED' ELSE 'ACTIVE' END AS status,
       -- Days with documents: 0 .. last_day (every 50th account stopped 5 days early).
       CASE WHEN i % 50 = 7 THEN {days} - 6 ELSE {days} - 1 END AS last_day
  FROM generate_series(0, {accounts} - 1) i;

CREATE TEMP TABLE b_day AS
SELECT d, ('{latest}'::date - ({days} - 1) + d) AS day FROM generate_series(0, {days} - 1) d;

INSERT INTO products (name, owner, position, description)
SELECT name, 'owner-' || lower(replace(name, ' ', '-')) || '@example.com', 'Team ' || n,
       'The ' || name || ' product'
  FROM unnest(ARRAY['Checkout', 'Search', 'Billing', 'Analytics', 'Identity', 'Payments',
                    'Catalog', 'Messaging', 'Reporting', 'Mobile', 'Data Platform',
                    'Support Portal']) WITH ORDINALITY AS p(name, n);

INSERT INTO accounts (account_id, account_name, account_email, account_status, account_arn,
                      partner_name, customer_name, joined_method, joined_timestamp, account_type,
                      csp, region, category)
SELECT a.account_id, a.account_name, a.account_name || '@example.com', a.status,
       'arn:aws:organizations::100000000000:account/o-bench/' || a.account_id, a.partner,
       a.customer, CASE WHEN a.i % 3 = 0 THEN 'INVITED' ELSE 'CREATED' END,
       timestamptz '2020-01-01 00:00+00' + a.i * interval '1 day', a.environment, 'AWS', r.region,
       'workload'
  FROM b_account a
  CROSS JOIN (VALUES ('us-east-1'), ('eu-west-1')) r(region)
 WHERE r.region = 'us-east-1' OR a.i % 5 = 0
 ORDER BY a.i, r.region DESC;

-- Each accounts row, with its account's numbers.
CREATE TEMP TABLE b_row AS
SELECT ac.id, ac.region, ac.region = 'us-east-1' AS home, a.*
  FROM accounts ac JOIN b_account a ON a.account_id = ac.account_id;

INSERT INTO product_accounts (product_id, account_id)
SELECT p.id, r.id FROM b_row r JOIN products p ON p.id = 1 + (r.i * 7) % 12
UNION ALL
SELECT p.id, r.id FROM b_row r JOIN products p ON p.id = 1 + (r.i * 7 + 5) % 12
 WHERE r.i % 3 = 0;

-- ---- Costs (the home region only: account-wide data) ------------------------------------------

CREATE TEMP TABLE b_service AS
SELECT n - 1 AS s, name
  FROM unnest(ARRAY[
      'Amazon Elastic Compute Cloud - Compute', 'Amazon Relational Database Service',
      'Amazon Simple Storage Service', 'Amazon Elastic Container Service for Kubernetes',
      'Amazon Elastic Load Balancing', 'Amazon DynamoDB', 'AWS Lambda', 'Amazon CloudWatch',
      'Amazon Virtual Private Cloud', 'Amazon CloudFront', 'Amazon ElastiCache',
      'Amazon OpenSearch Service', 'Amazon Redshift', 'Amazon Elastic File System',
      'Amazon Simple Queue Service', 'Amazon Simple Notification Service', 'AWS Key Management Service',
      'AWS Secrets Manager', 'Amazon Route 53', 'AWS Config', 'AWS CloudTrail', 'Amazon GuardDuty',
      'AWS Security Hub', 'Amazon Inspector', 'AWS WAF', 'Amazon API Gateway', 'AWS Step Functions',
      'Amazon Kinesis', 'AWS Glue', 'Amazon Athena', 'Amazon EC2 Container Registry (ECR)',
      'Amazon Elastic Container Service', 'AWS Backup', 'Amazon SageMaker', 'Amazon EMR',
      'AWS Systems Manager', 'AWS Directory Service', 'Amazon WorkSpaces', 'Amazon Cognito',
      'AWS Transfer Family', 'Amazon MQ', 'AWS Data Transfer', 'Amazon Simple Email Service',
      'AWS X-Ray', 'Tax']) WITH ORDINALITY AS t(name, n);

-- Account i uses 20-40 of the 45 services, starting at a different one; a service's daily cost
-- falls with its rank, varies by weekday and grows or shrinks over the period.
INSERT INTO services (account_id, service, date_from, date_to, cost, currency, usage_types)
SELECT r.id, sv.name, d.day, d.day + 1,
       round((400.0 / (1 + k.k) * (0.3 + (r.i % 17) / 8.0)
              * (1 + 0.15 * sin(d.d / 1.1 + k.k)) * (1 + ((r.i + k.k) % 7 - 3) * d.d / 600.0)
              * (0.9 + 0.2 * random()))::numeric, 10),
       'USD', 'Aggregated'
  FROM b_row r
  JOIN b_day d ON d.d <= r.last_day
  CROSS JOIN LATERAL generate_series(0, 19 + (r.i * 13) % 21) k(k)
  JOIN b_service sv ON sv.s = (k.k + r.i) % 45
 WHERE r.home
 ORDER BY d.day, r.id, k.k;

INSERT INTO cost_reports (account_id, current_period_cost, previous_period_cost, cost_difference,
                          cost_difference_percentage, potential_monthly_savings,
                          anomalies_detected, saving_opportunities_count, period_start,
                          period_end, period_granularity, region)
SELECT s.account_id, sum(s.cost), sum(s.cost) * 0.97, sum(s.cost) * 0.03, 3.0,
       round((sum(s.cost) * 0.8)::numeric, 2), (random() < 0.05)::int, (random() * 6)::int,
       s.date_from, s.date_to, 'DAILY', 'Global'
  FROM services s GROUP BY s.account_id, s.date_from, s.date_to ORDER BY s.date_from, s.account_id;

INSERT INTO service_costs (cost_report_id, service_name, cost, region)
SELECT cr.id, s.service, s.cost, 'Global'
  FROM cost_reports cr
  JOIN LATERAL (SELECT service, cost FROM services s
                 WHERE s.account_id = cr.account_id AND s.date_from = cr.period_start
                 ORDER BY cost DESC LIMIT 5) s ON true;

-- The rest of the report's month, and the next month.
INSERT INTO cost_forecasts (cost_report_id, period_start, period_end, amount,
                            prediction_interval_lower_bound, prediction_interval_upper_bound,
                            region)
SELECT cr.id, f.period_start, f.period_end, f.amount, f.amount * 0.9, f.amount * 1.1, 'Global'
  FROM cost_reports cr
  CROSS JOIN LATERAL (
      VALUES (cr.period_end,
              (date_trunc('month', cr.period_start) + interval '1 month')::date,
              cr.current_period_cost
                  * ((date_trunc('month', cr.period_start) + interval '1 month')::date
                     - cr.period_end)),
             ((date_trunc('month', cr.period_start) + interval '1 month')::date,
              (date_trunc('month', cr.period_start) + interval '2 month')::date,
              cr.current_period_cost * 30.5)) f(period_start, period_end, amount)
 WHERE f.period_start < f.period_end;

-- ---- Security Hub --------------------------------------------------------------------------------

INSERT INTO security (account_id, service) SELECT id, 'Security Hub' FROM b_row ORDER BY id;

CREATE TEMP TABLE b_finding AS
SELECT r.id AS account_row, r.account_id, r.region, r.i, k, random() AS sev, random() AS wf,
       random() AS rec, random() AS age, random() AS upd
  FROM b_row r
  CROSS JOIN LATERAL generate_series(1, CASE WHEN r.home THEN 50 + (r.i * 37) % 300
                                             ELSE 20 + (r.i * 37) % 100 END) k;

INSERT INTO findings (security_id, finding_id, service, title, description, severity, status,
                      resource_type, resource_id, created_at, updated_at, recommendation,
                      compliance_status, region, workflow_state, record_state, product_name,
                      company_name, product_arn, generator_id, generator)
SELECT se.id,
       'arn:aws:securityhub:' || f.region || ':' || f.account_id || ':finding/'
           || md5(f.account_row || '/' || f.k),
       (ARRAY['Security Hub', 'GuardDuty', 'Inspector', 'Config', 'Macie',
              'IAM Access Analyzer'])[1 + f.k % 6],
       (ARRAY['S3 bucket should block public access', 'Security groups should not allow 0.0.0.0/0 to port 22',
              'EBS volumes should be encrypted', 'IAM root user should have MFA',
              'RDS snapshots should be private', 'CloudTrail should be enabled',
              'Lambda functions should use supported runtimes', 'EC2 instance has a CVE',
              'KMS key rotation should be enabled', 'Unusual API call from a Tor exit node',
              'ELB should use TLS 1.2', 'ECR images should be scanned'])[1 + (f.k * 5 + f.i) % 12]
           || ' (' || f.k || ')',
       'Finding ' || f.k || ' of ' || f.account_id,
       sev.severity, wf.state,
       (ARRAY['AwsS3Bucket', 'AwsEc2SecurityGroup', 'AwsEc2Volume', 'AwsIamUser',
              'AwsRdsDbSnapshot', 'AwsEc2Instance', 'AwsLambdaFunction', 'AwsKmsKey'])[1 + f.k % 8],
       'arn:aws:ec2:' || f.region || ':' || f.account_id || ':resource/r-' || f.k,
       ts.created_at, ts.created_at + f.upd * (('{latest}'::date + 1)::timestamptz - ts.created_at),
       'See the remediation guide.', CASE WHEN wf.state = 'RESOLVED' THEN 'PASSED' ELSE 'FAILED' END,
       f.region, wf.state, CASE WHEN f.rec < 0.06 THEN 'ARCHIVED' ELSE 'ACTIVE' END,
       'Security Hub', 'AWS', 'arn:aws:securityhub:' || f.region || '::product/aws/securityhub',
       'aws-foundational-security-best-practices/v/1.0.0/' || (f.k % 40),
       'AWS Foundational Security Best Practices'
  FROM b_finding f
  JOIN security se ON se.account_id = f.account_row
  CROSS JOIN LATERAL (SELECT CASE WHEN f.sev < 0.03 THEN 'CRITICAL' WHEN f.sev < 0.18 THEN 'HIGH'
                                  WHEN f.sev < 0.58 THEN 'MEDIUM' WHEN f.sev < 0.83 THEN 'LOW'
                                  ELSE 'INFORMATIONAL' END AS severity) sev
  CROSS JOIN LATERAL (SELECT CASE WHEN f.wf < 0.5 THEN 'NEW' WHEN f.wf < 0.7 THEN 'NOTIFIED'
                                  WHEN f.wf < 0.95 THEN 'RESOLVED' ELSE 'SUPPRESSED' END AS state) wf
  CROSS JOIN LATERAL (SELECT timestamptz '{latest} 23:00+00' - f.age * interval '120 days'
                             AS created_at) ts
 ORDER BY f.account_row, f.k;

UPDATE security se
   SET total_findings = c.total, critical_count = c.critical, high_count = c.high,
       medium_count = c.medium, low_count = c.low, informational_count = c.informational,
       open_findings = c.open, resolved_findings = c.total - c.open
  FROM (SELECT security_id, count(*) AS total,
               count(*) FILTER (WHERE severity = 'CRITICAL') AS critical,
               count(*) FILTER (WHERE severity = 'HIGH') AS high,
               count(*) FILTER (WHERE severity = 'MEDIUM') AS medium,
               count(*) FILTER (WHERE severity = 'LOW') AS low,
               count(*) FILTER (WHERE severity = 'INFORMATIONAL') AS informational,
               count(*) FILTER (WHERE workflow_state IN ('NEW', 'NOTIFIED')) AS open
          FROM findings GROUP BY security_id) c
 WHERE c.security_id = se.id;

-- ---- AWS Config ----------------------------------------------------------------------------------

INSERT INTO config_reports (account_id, date_from, date_to, compliance_score, total_rules,
                            compliant_rules, non_compliant_rules, curr_non_compliant,
                            curr_compliant)
SELECT r.id, d.day, d.day + 1, round(100.0 * c.compliant / c.total, 2), c.total, c.compliant,
       c.total - c.compliant, c.total - c.compliant, c.compliant
  FROM b_row r
  JOIN b_day d ON d.d <= r.last_day
  CROSS JOIN LATERAL (SELECT 40 + r.i % 30 AS total,
                             40 + r.i % 30 - (2 + (r.i * 3 + d.d / 10) % 22) AS compliant) c
 ORDER BY d.day, r.id;

INSERT INTO non_compliant_resources (config_report_id, resource_type, resource_id,
                                     compliance_type, rule_name, created_at, annotation,
                                     evaluation_mode, conformance_pack)
SELECT c.id, (ARRAY['AWS::S3::Bucket', 'AWS::EC2::Instance', 'AWS::EC2::SecurityGroup',
                    'AWS::IAM::Role', 'AWS::RDS::DBInstance', 'AWS::Lambda::Function'])[1 + k % 6],
       r.account_id || '-' || r.region || '-res-' || k,
       CASE WHEN k = 0 THEN 'COMPLIANT' ELSE 'NON_COMPLIANT' END,
       (ARRAY['s3-bucket-public-read-prohibited', 'restricted-ssh', 'encrypted-volumes',
              'iam-password-policy', 'rds-storage-encrypted', 'lambda-function-public-access-prohibited',
              'cloudtrail-enabled', 'vpc-flow-logs-enabled'])[1 + (k * 3 + r.i) % 8],
       c.date_from + time '04:00', CASE WHEN k > 0 THEN 'Resource ' || k || ' is not compliant' END,
       'DETECTIVE', 'Operational-Best-Practices'
  FROM config_reports c
  JOIN b_row r ON r.id = c.account_id
  CROSS JOIN LATERAL generate_series(0, 5 + r.i % 16) k
 ORDER BY c.id, k;

-- ---- Resources, support cases, health events -----------------------------------------------------

INSERT INTO service_resources (account_id, service_name, resource_type, resource_id,
                               resource_name, region, availability_zone, state, instance_type,
                               vpc_id, creation_date)
SELECT r.id, t.service, t.type,
       t.prefix || substr(md5(r.id || '/' || k), 1, 17), t.prefix || r.account_name || '-' || k,
       r.region, r.region || (ARRAY['a', 'b', 'c'])[1 + k % 3],
       CASE WHEN t.service = 'EC2' THEN (ARRAY['running', 'running', 'running', 'stopped'])[1 + k % 4]
            ELSE 'available' END,
       CASE WHEN t.service = 'EC2' THEN (ARRAY['t3.micro', 'm5.large', 'c6g.xlarge', 'r6i.2xlarge'])[1 + k % 4] END,
       'vpc-' || substr(md5(r.id::text), 1, 8),
       timestamptz '{latest} 00:00+00' - (k % 700) * interval '1 day'
  FROM b_row r
  CROSS JOIN LATERAL generate_series(1, CASE WHEN r.home THEN 50 + (r.i * 29) % 400
                                             ELSE 20 + (r.i * 29) % 100 END) k
  JOIN (VALUES (0, 'EC2', 'AWS::EC2::Instance', 'i-'), (1, 'EC2', 'AWS::EC2::Volume', 'vol-'),
               (2, 'S3', 'AWS::S3::Bucket', 'bucket-'), (3, 'RDS', 'AWS::RDS::DBInstance', 'db-'),
               (4, 'Lambda', 'AWS::Lambda::Function', 'fn-'), (5, 'DynamoDB', 'AWS::DynamoDB::Table', 'table-'),
               (6, 'ELB', 'AWS::ElasticLoadBalancingV2::LoadBalancer', 'lb-'),
               (7, 'EC2', 'AWS::EC2::SecurityGroup', 'sg-'), (8, 'ECS', 'AWS::ECS::Service', 'svc-'),
               (9, 'EC2', 'AWS::EC2::Subnet', 'subnet-')) t(n, service, type, prefix)
    ON t.n = (k * 7 + r.i) % 10
 ORDER BY r.id, k;

INSERT INTO support_tickets (account_id, case_id, display_id, subject, status, severity_code,
                             service_code, category_code, time_created, submitted_by, language,
                             date_from, date_to)
SELECT r.id, 'case-' || r.account_id || '-' || t, (1000000 + r.i * 10 + t)::text,
       'Question ' || t || ' about ' || (ARRAY['EC2 limits', 'RDS failover', 'billing', 'S3 access',
                                               'EKS upgrade'])[1 + (t + r.i) % 5],
       (ARRAY['opened', 'pending-customer-action', 'resolved', 'resolved'])[1 + (t + r.i) % 4],
       (ARRAY['low', 'normal', 'high', 'urgent'])[1 + (t * 3 + r.i) % 4],
       (ARRAY['amazon-ec2', 'amazon-rds', 'billing', 'amazon-s3', 'amazon-eks'])[1 + (t + r.i) % 5],
       'other', timestamptz '{latest} 10:00+00' - ((t * 37 + r.i) % 120) * interval '1 day',
       'ops@example.com', 'en', '{latest}'::date, '{latest}'::date + 1
  FROM b_row r CROSS JOIN LATERAL generate_series(1, r.i % 11) t
 WHERE r.home;

INSERT INTO health_events (account_id, arn, service, event_type_code, region, start_time,
                           end_time, status_code)
SELECT r.id, 'arn:aws:health:us-east-1::event/' || r.account_id || '/' || e, ev.service, ev.code,
       (ARRAY['us-east-1', 'eu-west-1', 'us-west-2'])[1 + e % 3], st.start_time,
       CASE WHEN e % 6 <> 0 THEN st.start_time + interval '5 hours' END,
       CASE WHEN e % 6 = 0 THEN 'open' ELSE 'closed' END
  FROM b_row r
  CROSS JOIN LATERAL generate_series(1, 5 + r.i % 25) e
  CROSS JOIN LATERAL (SELECT timestamptz '{latest} 08:00+00'
                             - ((e * 13 + r.i) % 120) * interval '1 day' AS start_time) st
  JOIN (VALUES (0, 'EC2', 'AWS_EC2_OPERATIONAL_ISSUE'), (1, 'RDS', 'AWS_RDS_MAINTENANCE_SCHEDULED'),
               (2, 'EC2', 'AWS_EC2_INSTANCE_RETIREMENT_SCHEDULED'), (3, 'LAMBDA', 'AWS_LAMBDA_OPERATIONAL_ISSUE'),
               (4, 'EKS', 'AWS_EKS_PLANNED_LIFECYCLE_EVENT')) ev(n, service, code) ON ev.n = e % 5
 WHERE r.home;

-- ---- Collection runs (logs) and the receiver's ledger --------------------------------------------

INSERT INTO logs (account_id, date_created, account_status, cost_status, service_status,
                  security_status, config_status, inventory_status)
SELECT r.id, d.day + 1 + time '06:00' + (r.i % 120) * interval '1 minute', 'Pass',
       CASE WHEN random() < 0.01 THEN 'Fail' ELSE 'Pass' END, 'Pass',
       CASE WHEN random() < 0.02 THEN 'Fail' ELSE 'Pass' END, 'Pass', 'Pass'
  FROM b_row r JOIN b_day d ON d.d <= r.last_day
 ORDER BY d.day, r.id;

INSERT INTO log_messages (log_id, message, message_type)
SELECT id, 'securityhub:GetFindings throttled, retried', 'WARNING' FROM logs WHERE id % 10 = 3;

INSERT INTO view360.ingest_runs (source, host, started_at, finished_at, documents_loaded,
                                 documents_failed, rows_created, rows_updated, rows_unchanged)
SELECT '/var/lib/view360/store', 'receiver-1', st.at, st.at + interval '4 minutes',
       (SELECT count(*) FROM b_row) / 4, 1, 60000, 3000, 20000
  FROM b_day d CROSS JOIN generate_series(0, 3) q
  CROSS JOIN LATERAL (SELECT d.day + 1 + time '06:05' + q * interval '30 minutes' AS at) st
 ORDER BY st.at;

INSERT INTO view360.ingest_ledger (source, object_key, status, size, sha256, etag, account_id,
                                   region, attempts, first_seen_at, loaded_at, failed_at, error,
                                   run_id)
SELECT '/var/lib/view360/store',
       'data/' || r.account_id || '/' || r.region || '/' || (d.day + 1) || '_DAILY.json',
       st.status, 200000 + (r.i * 977) % 400000, md5(r.id || '/' || d.d), md5(d.d || '/' || r.id),
       r.account_id, r.region, CASE WHEN st.status = 'failed' THEN 3 ELSE 1 END, st.seen,
       CASE WHEN st.status = 'loaded' THEN st.seen + interval '3 minutes' END,
       CASE WHEN st.status = 'failed' THEN st.seen + interval '3 minutes' END,
       CASE WHEN st.status = 'failed' THEN jsonb_build_array(jsonb_build_object(
           'path', '$.service[' || (r.i % 30) || '].cost',
           'message', 'services.cost: expected a number, got string')) END,
       d.d * 4 + r.i % 4 + 1  -- The run of that day and half hour (ids from 1, as inserted).
  FROM b_row r JOIN b_day d ON d.d <= r.last_day
  CROSS JOIN LATERAL (
      SELECT d.day + 1 + time '06:05' + (r.i % 4) * interval '30 minutes' AS seen,
             CASE WHEN hashint4(r.id * 1000 + d.d) % 331 = 0 THEN 'failed'
                  WHEN d.d = {days} - 1 AND r.i % 4 = 3 THEN 'pending'
                  ELSE 'loaded' END AS status) st
UNION ALL
SELECT '/var/lib/view360/store', 'data/999999999999/us-east-1/' || (d.day + 1) || '_DAILY.json',
       'failed', 1200, md5(d.d::text), md5(d.d::text), NULL, NULL, 3, d.day + 1 + time '06:10',
       NULL, d.day + 1 + time '06:11',
       jsonb_build_array(jsonb_build_object('path', '$.account.account_id',
                                            'message', 'required member is missing')), NULL
  FROM b_day d WHERE d.d >= {days} - 30;
