// Deterministic fixture data for the mock API (dev/mock-server.mjs): a handful of accounts with
// daily costs, Security Hub findings, AWS Config compliance, resources, ingest runs and
// documents, support cases and health events. The same every run: a seeded PRNG, and a fixed
// "latest data date" rather than today's date, so screenshots and numbers do not drift.
//
// Money is kept in integer cents here and turned into dollars only in answers, so sums are exact.

export const LATEST_DATE = '2025-09-15';
export const FIRST_DATE = '2024-09-01'; // a year of history before the latest month
export const SEVERITIES = ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW', 'INFORMATIONAL'];

// ---- dates (UTC, 'YYYY-MM-DD') -------------------------------------------------------------

const DAY_MS = 86_400_000;
export const toMs = (date) => Date.parse(`${date}T00:00:00Z`);
export const fromMs = (ms) => new Date(ms).toISOString().slice(0, 10);
export const addDays = (date, n) => fromMs(toMs(date) + n * DAY_MS);
export const daysBetween = (a, b) => Math.round((toMs(b) - toMs(a)) / DAY_MS);
export const monthOf = (date) => date.slice(0, 7);
export const firstOfMonth = (date) => `${date.slice(0, 7)}-01`;
export function lastOfMonth(date) {
  const [y, m] = date.split('-').map(Number);
  return fromMs(Date.UTC(y, m, 0));
}
export function dateRange(from, to) {
  const out = [];
  for (let d = from; d <= to; d = addDays(d, 1)) out.push(d);
  return out;
}

// ---- a seeded PRNG (mulberry32) keyed by strings, so each value is independent of the order
// in which the fixtures are built ----------------------------------------------------------------

function hash(text) {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}
function rng(seed) {
  let a = hash(seed);
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const pick = (random, list) => list[Math.floor(random() * list.length)];
function weighted(random, entries) {
  const total = entries.reduce((s, [, w]) => s + w, 0);
  let r = random() * total;
  for (const [value, w] of entries) if ((r -= w) < 0) return value;
  return entries[entries.length - 1][0];
}
const hex = (random, n) => {
  let out = '';
  for (let i = 0; i < n; i++) out += '0123456789abcdef'[Math.floor(random() * 16)];
  return out;
};
const isoAt = (date, random) => {
  const s = Math.floor(random() * 86_400);
  const hh = String(Math.floor(s / 3600)).padStart(2, '0');
  const mm = String(Math.floor((s % 3600) / 60)).padStart(2, '0');
  const ss = String(s % 60).padStart(2, '0');
  return `${date}T${hh}:${mm}:${ss}Z`;
};

// ---- accounts ---------------------------------------------------------------------------------

// lastDocument: days before LATEST_DATE of the account's newest document (stale accounts need
// attention); compliance: the share of compliant Config rules; scale: its cost relative to others.
const ACCOUNTS = [
  { account_id: '111111111111', account_name: 'acme-prod', customer: 'Acme Corp', partner: 'Northwind Partners', environment: 'production', products: ['Storefront', 'Payments'], regions: ['us-east-1', 'eu-west-1'], scale: 3.2, compliance: 0.91, lastDocument: 0, criticalBias: 1 },
  { account_id: '222222222222', account_name: 'acme-dev', customer: 'Acme Corp', partner: 'Northwind Partners', environment: 'development', products: ['Storefront'], regions: ['us-east-1'], scale: 0.6, compliance: 0.72, lastDocument: 0, criticalBias: 0 },
  { account_id: '333333333333', account_name: 'globex-prod', customer: 'Globex', partner: 'Northwind Partners', environment: 'production', products: ['Search'], regions: ['us-east-1', 'us-west-2'], scale: 2.4, compliance: 0.86, lastDocument: 0, criticalBias: 2 },
  { account_id: '444444444444', account_name: 'globex-staging', customer: 'Globex', partner: 'Northwind Partners', environment: 'staging', products: ['Search'], regions: ['us-west-2'], scale: 0.9, compliance: 0.55, lastDocument: 0, criticalBias: 0 },
  { account_id: '555555555555', account_name: 'initech-prod', customer: 'Initech', partner: 'Contoso Cloud', environment: 'production', products: ['Payroll', 'Payments'], regions: ['eu-west-1', 'eu-central-1'], scale: 1.8, compliance: 0.88, lastDocument: 0, criticalBias: 1 },
  { account_id: '666666666666', account_name: 'initech-sandbox', customer: 'Initech', partner: 'Contoso Cloud', environment: 'sandbox', products: [], regions: ['eu-west-1'], scale: 0.25, compliance: 0.41, lastDocument: 4, criticalBias: 0 },
  { account_id: '777777777777', account_name: 'umbrella-shared', customer: 'Umbrella', partner: 'Contoso Cloud', environment: 'shared-services', products: ['Logging'], regions: ['us-east-1'], scale: 1.1, compliance: 0.95, lastDocument: 0, criticalBias: 0 },
];

// Services with their share of an account's daily spend, in cents per unit of scale.
const SERVICES = [
  ['Amazon Elastic Compute Cloud', 'EC2', 41000],
  ['Amazon Relational Database Service', 'RDS', 17500],
  ['Amazon Simple Storage Service', 'S3', 8200],
  ['Amazon CloudFront', 'CloudFront', 5100],
  ['AWS Lambda', 'Lambda', 3300],
  ['Amazon DynamoDB', 'DynamoDB', 2900],
  ['Amazon Elastic Kubernetes Service', 'EKS', 4600],
  ['Amazon CloudWatch', 'CloudWatch', 2100],
  ['Amazon Virtual Private Cloud', 'VPC', 1700],
  ['AWS Key Management Service', 'KMS', 420],
  ['AWS Config', 'Config', 610],
  ['Amazon GuardDuty', 'GuardDuty', 530],
];

function buildCosts(accounts, firstDate) {
  const costs = []; // { date, account_id, service, cents }
  const days = dateRange(firstDate, LATEST_DATE);
  for (const account of accounts) {
    const random = rng(`services:${account.account_id}`);
    const used = SERVICES.filter(() => random() < 0.8);
    for (const [service, , base] of used) {
      const r = rng(`cost:${account.account_id}:${service}`);
      const weight = 0.5 + r();
      days.forEach((date, i) => {
        const weekly = 1 + 0.12 * Math.sin((i / 7) * 2 * Math.PI);
        const growth = 1 + i / 900;
        // A step change in the last three weeks, so "top movers" has something to show.
        const step = i > days.length - 21 && (account.account_id === '333333333333' || service === 'AWS Lambda') ? 1.45 : 1;
        const cut = i > days.length - 21 && account.account_id === '111111111111' && service === 'Amazon Relational Database Service' ? 0.7 : 1;
        const noise = 0.9 + 0.2 * r();
        const cents = Math.round(base * account.scale * weight * weekly * growth * step * cut * noise / 10);
        costs.push({ date, account_id: account.account_id, service, cents });
      });
    }
  }
  return costs;
}

const FINDING_KINDS = [
  ['S3 general purpose buckets should block public access', 'S3', 'AwsS3Bucket', 'bucket'],
  ['Security groups should not allow unrestricted access to ports with high risk', 'EC2', 'AwsEc2SecurityGroup', 'sg'],
  ['IAM root user access key should not exist', 'IAM', 'AwsAccount', 'root'],
  ['EC2 instances should not have a public IPv4 address', 'EC2', 'AwsEc2Instance', 'i'],
  ['RDS DB instances should have encryption at-rest enabled', 'RDS', 'AwsRdsDbInstance', 'db'],
  ['GuardDuty should be enabled', 'GuardDuty', 'AwsAccount', 'detector'],
  ['CloudTrail should be enabled and configured with at least one multi-Region trail', 'CloudTrail', 'AwsAccount', 'trail'],
  ['KMS keys should not be deleted unintentionally', 'KMS', 'AwsKmsKey', 'key'],
  ['Lambda functions should use supported runtimes', 'Lambda', 'AwsLambdaFunction', 'fn'],
  ['EBS default encryption should be enabled', 'EC2', 'AwsAccount', 'ebs'],
  ['IAM users should not have IAM policies attached', 'IAM', 'AwsIamUser', 'user'],
  ['ECR private repositories should have image scanning configured', 'ECR', 'AwsEcrRepository', 'repo'],
];

function buildFindings(accounts) {
  const findings = [];
  for (const account of accounts) {
    const random = rng(`findings:${account.account_id}`);
    const count = 30 + Math.floor(random() * 45);
    for (let i = 0; i < count; i++) {
      const [title, service, resourceType, prefix] = pick(random, FINDING_KINDS);
      const severity = weighted(random, [['CRITICAL', 3 + 4 * account.criticalBias], ['HIGH', 14], ['MEDIUM', 34], ['LOW', 30], ['INFORMATIONAL', 15]]);
      const status = weighted(random, [['NEW', 55], ['NOTIFIED', 15], ['RESOLVED', 25], ['SUPPRESSED', 5]]);
      const region = pick(random, account.regions);
      const created = addDays(LATEST_DATE, -Math.floor(random() * 120));
      const span = daysBetween(created, LATEST_DATE);
      // Closed (resolved or suppressed) on its last update, as the warehouse knows it.
      const resolved = status === 'RESOLVED' || status === 'SUPPRESSED' ? addDays(created, Math.floor(random() * (span + 1))) : null;
      const updated = resolved ?? addDays(created, Math.floor(random() * (span + 1)));
      findings.push({
        finding_id: `arn:aws:securityhub:${region}:${account.account_id}:finding/${hex(random, 8)}-${hex(random, 4)}-${hex(random, 12)}`,
        account_id: account.account_id,
        title,
        severity,
        status,
        service,
        resource_type: resourceType,
        resource_id: `${prefix}-${hex(random, 12)}`,
        region,
        updated_at: isoAt(updated, random),
        created_on: created,
        resolved_on: resolved,
      });
    }
  }
  return findings;
}

const CONFIG_RULES = [
  ['s3-bucket-public-read-prohibited', 'AWS::S3::Bucket', 'The S3 bucket policy allows public read access.'],
  ['encrypted-volumes', 'AWS::EC2::Volume', 'The EBS volume is not encrypted.'],
  ['restricted-ssh', 'AWS::EC2::SecurityGroup', 'The security group allows 0.0.0.0/0 on port 22.'],
  ['rds-storage-encrypted', 'AWS::RDS::DBInstance', 'StorageEncrypted is false.'],
  ['cloudtrail-enabled', 'AWS::::Account', 'No CloudTrail trail is logging in this region.'],
  ['vpc-flow-logs-enabled', 'AWS::EC2::VPC', 'The VPC has no flow log.'],
  ['ec2-instance-no-public-ip', 'AWS::EC2::Instance', 'The instance has a public IP address.'],
  ['root-account-mfa-enabled', 'AWS::::Account', 'The root user has no MFA device.'],
  ['access-keys-rotated', 'AWS::IAM::User', 'An access key is older than 90 days.'],
  ['lambda-function-public-access-prohibited', 'AWS::Lambda::Function', 'The function policy allows public invocation.'],
];

function buildCompliance(accounts) {
  const daily = []; // { date, account_id, total_rules, compliant_rules, non_compliant_rules }
  const nonCompliant = []; // resources of the account's newest day
  for (const account of accounts) {
    const random = rng(`compliance:${account.account_id}`);
    const totalRules = 38 + Math.floor(random() * 20);
    const last = addDays(LATEST_DATE, -account.lastDocument);
    const days = dateRange(addDays(LATEST_DATE, -120), last);
    let lastNonCompliant = 0;
    days.forEach((date, i) => {
      const drift = 0.04 * Math.sin(i / 9) + 0.02 * (random() - 0.5);
      const share = Math.min(1, Math.max(0, account.compliance + drift));
      const compliant = Math.round(totalRules * share);
      daily.push({ date, account_id: account.account_id, total_rules: totalRules, compliant_rules: compliant, non_compliant_rules: totalRules - compliant });
      lastNonCompliant = totalRules - compliant;
    });
    for (let i = 0; i < lastNonCompliant; i++) {
      const [rule, type, annotation] = CONFIG_RULES[i % CONFIG_RULES.length];
      nonCompliant.push({
        account_id: account.account_id,
        rule_name: i < CONFIG_RULES.length ? rule : `${rule}-${pick(random, account.regions)}`,
        resource_type: type,
        resource_id: type === 'AWS::::Account' ? account.account_id : `${type.split('::')[2].toLowerCase()}-${hex(random, 10)}`,
        compliance_type: 'NON_COMPLIANT',
        annotation,
        date: last,
      });
    }
  }
  return { daily, nonCompliant };
}

const RESOURCE_KINDS = [
  ['EC2', 'Instance', 'i', ['running', 'stopped'], ['t3.medium', 'm6i.large', 'c7g.xlarge', 'r6g.2xlarge']],
  ['EC2', 'Volume', 'vol', ['in-use', 'available'], null],
  ['EC2', 'SecurityGroup', 'sg', ['available'], null],
  ['S3', 'Bucket', 'bucket', ['Active'], null],
  ['RDS', 'DBInstance', 'db', ['available', 'stopped'], ['db.t4g.medium', 'db.r6g.large']],
  ['Lambda', 'Function', 'fn', ['Active', 'Inactive'], null],
  ['DynamoDB', 'Table', 'table', ['Active'], null],
  ['EKS', 'Cluster', 'eks', ['Active'], null],
  ['ELB', 'LoadBalancer', 'alb', ['active'], null],
];

function buildResources(accounts) {
  const resources = [];
  for (const account of accounts) {
    const random = rng(`resources:${account.account_id}`);
    for (const [service, type, prefix, states, sizes] of RESOURCE_KINDS) {
      const n = Math.floor(random() * 12 * account.scale) + (random() < 0.3 ? 0 : 1);
      for (let i = 0; i < n; i++) {
        const id = `${prefix}-${hex(random, 12)}`;
        resources.push({
          account_id: account.account_id,
          service_name: service,
          resource_type: type,
          resource_id: service === 'S3' ? `${account.account_name}-${hex(random, 6)}` : id,
          resource_name: `${account.account_name}-${type.toLowerCase()}-${i + 1}`,
          region: pick(random, account.regions),
          state: pick(random, states),
          instance_type: sizes ? pick(random, sizes) : null,
        });
      }
    }
  }
  return resources;
}

const FAILURES = [
  [{ path: '$.security.kms[3].enabled', message: 'kms_keys.enabled: expected a boolean, got string' }],
  [{ path: '$.service[0].cost', message: 'services.cost: expected a number, got string' }],
  [
    { path: '$.config.rules[12].compliance', message: 'config_reports.compliance_type: longer than 50 characters' },
    { path: '$.config.rules[14].compliance', message: 'config_reports.compliance_type: longer than 50 characters' },
  ],
  [{ path: '$', message: 'document: larger than --max-document-size (268435456 bytes)' }],
  [{ path: '$.health[0].start_time', message: 'health_events.start_time: not an ISO-8601 time: "yesterday"' }],
];

// One document per account, region and day for the last 45 days; a few failed, the newest day's
// of some accounts still pending; none after an account's last document.
function buildDocuments(accounts) {
  const documents = [];
  for (const account of accounts) {
    const random = rng(`documents:${account.account_id}`);
    const last = addDays(LATEST_DATE, -account.lastDocument);
    for (const date of dateRange(addDays(LATEST_DATE, -44), last)) {
      for (const region of account.regions) {
        const key = `data/${account.account_id}/${region}/${date}_DAILY.json`;
        const r = random();
        const size = 120_000 + Math.floor(random() * 180_000);
        const base = { object_key: key, account_id: account.account_id, region, size, date };
        const next = `${addDays(date, 1)}T02:${String(Math.floor(random() * 50) + 10).padStart(2, '0')}:13Z`;
        if (date === LATEST_DATE && r < 0.5) {
          documents.push({ ...base, status: 'pending', loaded_at: null, failed_at: null, attempts: 0, error: null });
        } else if (r < 0.04) {
          documents.push({ ...base, status: 'failed', loaded_at: null, failed_at: next, attempts: 1 + Math.floor(random() * 3), error: { errors: pick(random, FAILURES) } });
        } else {
          documents.push({ ...base, status: 'loaded', loaded_at: next, failed_at: null, attempts: 1, error: null });
        }
      }
    }
  }
  return documents;
}

// A collection run (the logs row) per loaded document: now and then a category failed, with
// the collector's message, as the sender reports it.
const COLLECTION_FAILURES = [
  [['security'], [['security_hub', 'securityhub GetFindings: AccessDeniedException (HTTP 403)']]],
  [['trusted_advisor'], [['trusted_advisor', 'support DescribeTrustedAdvisorChecks: SubscriptionRequiredException']]],
  [['cost', 'service'], [['cost_analysis', 'ce GetCostAndUsage: ThrottlingException: Rate exceeded (after 8 attempts)']]],
];

function buildCollections(documents, accounts) {
  const names = new Map(accounts.map((a) => [a.account_id, a.account_name]));
  let id = 1;
  return documents
    .filter((d) => d.status === 'loaded')
    .map((d) => {
      const random = rng(`collection:${d.object_key}`);
      const [failed, messages] = random() < 0.08 ? pick(random, COLLECTION_FAILURES) : [[], []];
      return {
        log_id: id++,
        account_id: d.account_id,
        account_name: names.get(d.account_id) ?? d.account_id,
        collected_at: `${addDays(d.date, 1)}T00:${String(10 + Math.floor(random() * 40))}:00Z`,
        failed,
        failed_count: failed.length,
        messages: messages.map(([type, message]) => ({ type, message })),
        date: d.date,
      };
    });
}

// One ingest run a day (the night after), plus a manual re-run every tenth day.
function buildRuns(documents) {
  const runs = [];
  const byDay = new Map();
  for (const d of documents) {
    const list = byDay.get(d.date) ?? [];
    list.push(d);
    byDay.set(d.date, list);
  }
  let id = 1;
  for (const date of dateRange(addDays(LATEST_DATE, -44), LATEST_DATE)) {
    const random = rng(`run:${date}`);
    const docs = byDay.get(date) ?? [];
    const loaded = docs.filter((d) => d.status === 'loaded').length;
    const failed = docs.filter((d) => d.status === 'failed').length;
    const next = addDays(date, 1);
    const seconds = 20 + Math.floor(random() * 70);
    runs.push({
      id: id++,
      source: 's3://view360-org-data/prod',
      host: 'ingest-1.internal',
      started_at: `${next}T02:00:00Z`,
      finished_at: date === LATEST_DATE ? null : `${next}T02:0${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}Z`,
      documents_loaded: loaded,
      documents_skipped: Math.floor(random() * 3),
      documents_failed: failed,
      rows_created: loaded * (40 + Math.floor(random() * 30)),
      rows_updated: loaded * (300 + Math.floor(random() * 200)),
      rows_unchanged: loaded * (1200 + Math.floor(random() * 400)),
    });
    if (id % 10 === 0) {
      runs.push({
        id: id++, source: 'data/', host: 'laptop-jdoe', started_at: `${next}T09:15:00Z`, finished_at: `${next}T09:15:04Z`,
        documents_loaded: 0, documents_skipped: docs.length, documents_failed: 0, rows_created: 0, rows_updated: 0, rows_unchanged: 0,
      });
    }
  }
  return runs.reverse(); // newest first
}

function buildSupportCases(accounts) {
  const subjects = [
    ['Increase EC2 vCPU limit in us-east-1', 'service-limit-increase'],
    ['RDS instance stuck in modifying state', 'amazon-rds'],
    ['Billing question about data transfer charges', 'billing'],
    ['Lambda throttling during peak hours', 'aws-lambda'],
    ['Cannot delete S3 bucket with object lock', 'amazon-s3'],
  ];
  const cases = [];
  for (const account of accounts) {
    const random = rng(`cases:${account.account_id}`);
    const n = Math.floor(random() * 4);
    for (let i = 0; i < n; i++) {
      const [subject, service] = pick(random, subjects);
      const created = addDays(LATEST_DATE, -Math.floor(random() * 50));
      cases.push({
        case_id: `case-${account.account_id}-${hex(random, 8)}`,
        display_id: String(170000000 + Math.floor(random() * 9999999)),
        account_id: account.account_id,
        subject,
        status: pick(random, ['opened', 'pending-customer-action', 'resolved']),
        severity_code: pick(random, ['low', 'normal', 'high', 'urgent']),
        service_code: service,
        time_created: isoAt(created, random),
      });
    }
  }
  return cases;
}

function buildHealthEvents(accounts) {
  const kinds = [
    ['EC2', 'AWS_EC2_INSTANCE_RETIREMENT_SCHEDULED'],
    ['RDS', 'AWS_RDS_MAINTENANCE_SCHEDULED'],
    ['LAMBDA', 'AWS_LAMBDA_RUNTIME_DEPRECATION'],
    ['EC2', 'AWS_EC2_OPERATIONAL_ISSUE'],
  ];
  const events = [];
  for (const account of accounts) {
    const random = rng(`health:${account.account_id}`);
    const n = 1 + Math.floor(random() * 3);
    for (let i = 0; i < n; i++) {
      const [service, code] = pick(random, kinds);
      const region = pick(random, account.regions);
      const start = addDays(LATEST_DATE, -Math.floor(random() * 40));
      const open = random() < 0.4;
      events.push({
        arn: `arn:aws:health:${region}::event/${service}/${code}/${code}_${hex(random, 8)}`,
        account_id: account.account_id,
        service,
        event_type_code: code,
        region,
        status_code: open ? 'open' : 'closed',
        start_time: isoAt(start, random),
        end_time: open ? null : isoAt(addDays(start, 1 + Math.floor(random() * 3)), random),
      });
    }
  }
  return events;
}

// More accounts for trying the dashboard at scale (MOCK_ACCOUNTS=1000): made-up customers,
// partners and environments, with 90 days of costs instead of a year to keep the mock quick.
const CUSTOMERS = ['Acme Corp', 'Globex', 'Initech', 'Umbrella', 'Hooli', 'Stark Industries', 'Wayne Enterprises', 'Tyrell', 'Cyberdyne', 'Soylent', 'Wonka', 'Vandelay'];
const PARTNERS = ['Northwind Partners', 'Contoso Cloud', 'Fabrikam Consulting'];
const ENVIRONMENTS = ['production', 'staging', 'development', 'sandbox', 'shared-services'];
const PRODUCTS = ['Storefront', 'Payments', 'Search', 'Payroll', 'Logging', 'Analytics', 'Mobile'];
const REGIONS = ['us-east-1', 'us-west-2', 'eu-west-1', 'eu-central-1', 'ap-southeast-2'];
function syntheticAccounts(n) {
  const out = [];
  for (let i = ACCOUNTS.length; i < n; i++) {
    const random = rng(`account:${i}`);
    const customer = pick(random, CUSTOMERS);
    const environment = pick(random, ENVIRONMENTS);
    out.push({
      account_id: String(100000000000 + i * 7919).padStart(12, '0'),
      account_name: `${customer.split(' ')[0].toLowerCase()}-${environment.slice(0, 4)}-${String(i).padStart(4, '0')}`,
      customer, partner: pick(random, PARTNERS), environment,
      products: PRODUCTS.filter(() => random() < 0.25),
      regions: REGIONS.filter((_, k) => k === 0 || random() < 0.3),
      scale: 0.1 + random() * 2, compliance: 0.4 + random() * 0.58, lastDocument: random() < 0.03 ? 3 : 0, criticalBias: random() < 0.2 ? 1 : 0,
    });
  }
  return out;
}

export function buildFixtures({ accounts: count = ACCOUNTS.length } = {}) {
  const firstDate = count > ACCOUNTS.length ? addDays(LATEST_DATE, -89) : FIRST_DATE;
  const accounts = [...ACCOUNTS, ...syntheticAccounts(count)].map(({ scale, compliance, lastDocument, criticalBias, ...rest }) => ({
    ...rest,
    status: 'ACTIVE',
    last_document_at: `${addDays(LATEST_DATE, 1 - lastDocument)}T02:10:13Z`,
    // kept for the fixture builders only; never sent
    _fixture: { scale, compliance, lastDocument, criticalBias },
  }));
  const builderView = accounts.map((a) => ({ ...a, ...a._fixture }));
  const documents = buildDocuments(builderView);
  const { daily: compliance, nonCompliant } = buildCompliance(builderView);
  return {
    accounts,
    services: SERVICES.map(([name]) => name),
    costs: buildCosts(builderView, firstDate),
    findings: buildFindings(builderView),
    compliance,
    nonCompliant,
    resources: buildResources(builderView),
    documents,
    runs: buildRuns(documents),
    collections: buildCollections(documents, builderView),
    supportCases: buildSupportCases(builderView),
    healthEvents: buildHealthEvents(builderView),
  };
}
