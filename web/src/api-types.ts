// The answers of the REST API, as docs/api.md describes them. Only what the dashboard reads.

export const SEVERITIES = ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW', 'INFORMATIONAL'] as const;
export type Severity = (typeof SEVERITIES)[number];
export type SeverityCounts = Record<Severity, number>;

export interface ListAnswer<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
}

export interface Overview {
  currency: string;
  spend_this_month: number;
  spend_last_month: number;
  spend_last_month_to_date: number;
  forecast_this_month: number | null;
  findings_by_severity: SeverityCounts;
  compliance_score: number | null;
  accounts_total: number;
  accounts_attention: { account_id: string; account_name: string; reasons: string[] }[];
  latest_data_date: string | null;
}

export interface Account {
  account_id: string;
  account_name: string;
  status: string;
  regions: string[];
  customer: string | null;
  partner: string | null;
  environment: string | null;
  products: string[];
  spend_this_month: number;
  findings: { CRITICAL: number; HIGH: number };
  compliance_score: number | null;
  last_document_at: string | null;
}

export interface CostSeries {
  key: string;
  label: string;
  values: number[];
}
export interface CostsOverTime {
  currency: string;
  dates?: string[];
  months?: string[];
  series: CostSeries[];
  total: number;
}
export interface CostMover {
  key: string;
  label: string;
  current: number;
  previous: number;
  change: number;
  change_pct: number | null;
}
export interface Forecast {
  items: { period_start: string; period_end: string; amount: number }[];
}

export interface SecuritySummary {
  by_severity: SeverityCounts;
  by_service: { service: string; count: number }[];
  by_account: ({ account_id: string; account_name: string } & SeverityCounts)[];
}
export interface SecurityTrend {
  dates: string[];
  series: Record<Severity, number[]>;
}
export interface Finding {
  finding_id: string;
  account_id: string;
  title: string;
  severity: Severity;
  status: string;
  service: string;
  resource_type: string;
  resource_id: string;
  region: string;
  updated_at: string;
}

export interface Compliance {
  score: number | null;
  accounts: {
    account_id: string;
    account_name: string;
    date: string;
    compliance_score: number | null;
    total_rules: number;
    compliant_rules: number;
    non_compliant_rules: number;
  }[];
  trend: { dates: string[]; scores: (number | null)[] };
}
export interface NonCompliantResource {
  account_id: string;
  rule_name: string;
  resource_type: string;
  resource_id: string;
  compliance_type: string;
  annotation: string | null;
  date: string;
}

export interface Resource {
  account_id: string;
  service_name: string;
  resource_type: string;
  resource_id: string;
  resource_name: string | null;
  region: string;
  state: string | null;
  instance_type: string | null;
}
export interface ResourceSummary {
  by_type: { service_name: string; resource_type: string; count: number }[];
}

export interface CollectionRun {
  log_id: number;
  account_id: string;
  account_name: string | null;
  collected_at: string;
  failed: string[];
  failed_count: number;
  messages: { type: string | null; message: string }[];
}
export interface IngestRun {
  id: number;
  source: string;
  host: string;
  started_at: string;
  finished_at: string | null;
  documents_loaded: number;
  documents_skipped: number;
  documents_failed: number;
  rows_created: number;
  rows_updated: number;
  rows_unchanged: number;
}
export interface IngestDocument {
  object_key: string;
  status: string;
  account_id: string;
  region: string;
  size: number;
  loaded_at: string | null;
  failed_at: string | null;
  attempts: number;
  error: { errors: { path: string; message: string }[] } | null;
}

export interface SupportCase {
  case_id: string;
  display_id: string;
  account_id: string;
  subject: string;
  status: string;
  severity_code: string;
  service_code: string;
  time_created: string;
}
export interface HealthEvent {
  arn: string;
  account_id: string;
  service: string;
  event_type_code: string;
  region: string;
  status_code: string;
  start_time: string;
  end_time: string | null;
}
