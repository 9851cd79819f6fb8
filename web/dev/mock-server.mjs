#!/usr/bin/env node
// A stand-in for `view360 serve` while the dashboard is developed and tested: serves dist/ and
// answers every /api/v1 endpoint of docs/api.md from the deterministic fixtures of
// dev/fixtures.mjs, with the contract's filters, paging, sorting and error shape. No dependencies.
//
//   node dev/mock-server.mjs [--port 8360] [--host 127.0.0.1] [--dist ./dist]
//   env: PORT, MOCK_LATENCY_MS (delay every API answer), MOCK_TOKEN (require this bearer token),
//        MOCK_ACCOUNTS (more made-up accounts, e.g. 1000, to try the dashboard at scale)
//
// Semantics the contract leaves open, chosen here (the real server may choose otherwise; the
// browser tests compare the page with whatever the server answers):
// - from/to default to the 30 days up to the latest data date; "this month" on the overview is
//   the month of `to` (default: the latest data date);
// - findings counted on the overview and the security summary are the open ones (NEW, NOTIFIED);
// - compliance uses each account's newest day within the range.
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { dirname, extname, join, normalize } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  LATEST_DATE, SEVERITIES, addDays, buildFixtures, dateRange, daysBetween, firstOfMonth, lastOfMonth, monthOf,
} from './fixtures.mjs';

const DEFAULT_LIMIT = 50;
const MAX_LIMIT = 500;
const DEFAULT_TOP = 10;
const OPEN_STATUSES = new Set(['NEW', 'NOTIFIED']);

class HttpError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}
const invalid = (message) => new HttpError(400, 'invalid_argument', message);
const dollars = (cents) => Math.round(cents) / 100;
const round1 = (x) => Math.round(x * 10) / 10;

// ---- query parameters -------------------------------------------------------------------------

function values(params, name) {
  return params.getAll(name).flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean);
}
function validDate(name, value) {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`)) ||
      new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) !== value) {
    throw invalid(`${name}: expected a date YYYY-MM-DD, got '${value}'`);
  }
  return value;
}
function nonNegativeInt(name, value, fallback) {
  if (value === null || value === '') return fallback;
  if (!/^\d+$/.test(value)) throw invalid(`${name}: expected a non-negative integer, got '${value}'`);
  return Number(value);
}
function oneOf(name, value, allowed, fallback) {
  if (value === null || value === '') return fallback;
  if (!allowed.includes(value)) throw invalid(`${name}: expected one of ${allowed.join(', ')}, got '${value}'`);
  return value;
}

// The common filters of every endpoint: accounts by id and tag, and the date range.
function commonFilters(params, fixtures) {
  const ids = values(params, 'account');
  for (const id of ids) if (!/^\d{12}$/.test(id)) throw invalid(`account: expected a 12-digit account id, got '${id}'`);
  const tags = {};
  for (const name of ['customer', 'partner', 'environment', 'product']) tags[name] = values(params, name);
  const fromParam = params.get('from') ? validDate('from', params.get('from')) : null;
  const toParam = params.get('to') ? validDate('to', params.get('to')) : null;
  const to = toParam ?? LATEST_DATE;
  const from = fromParam ?? addDays(to, -29);
  if (from > to) throw invalid(`from (${from}) is after to (${to})`);
  if (daysBetween(from, to) > 3 * 366) throw invalid('the date range is longer than 3 years');
  const accounts = fixtures.accounts.filter((a) =>
    (!ids.length || ids.includes(a.account_id)) &&
    (!tags.customer.length || tags.customer.includes(a.customer)) &&
    (!tags.partner.length || tags.partner.includes(a.partner)) &&
    (!tags.environment.length || tags.environment.includes(a.environment)) &&
    (!tags.product.length || a.products.some((p) => tags.product.includes(p))));
  return { accounts, ids: new Set(accounts.map((a) => a.account_id)), from, to };
}

// Paging and sorting of a list endpoint. `columns` names the sortable fields; `rank` maps a
// field's value to a sort key where plain comparison is wrong (severity).
function page(params, items, { columns, defaultSort = null, rank = {} }) {
  const limit = Math.min(Math.max(nonNegativeInt('limit', params.get('limit'), DEFAULT_LIMIT), 1), MAX_LIMIT);
  const offset = nonNegativeInt('offset', params.get('offset'), 0);
  const sort = params.get('sort') || defaultSort;
  let sorted = items;
  if (sort) {
    const desc = sort.startsWith('-');
    const column = desc ? sort.slice(1) : sort;
    if (!columns.includes(column)) throw invalid(`sort: expected one of ${columns.join(', ')} (optionally with a '-' prefix), got '${sort}'`);
    const key = rank[column] ?? ((row) => row[column]);
    sorted = [...items].sort((a, b) => {
      const x = key(a);
      const y = key(b);
      if (x === y) return 0;
      if (x === null || x === undefined) return 1; // nulls last either way
      if (y === null || y === undefined) return -1;
      return (x < y ? -1 : 1) * (desc ? -1 : 1);
    });
  }
  return { items: sorted.slice(offset, offset + limit), total: items.length, limit, offset };
}

const stripItems = (hidden, answer) => ({ ...answer, items: answer.items.map((row) => strip(row, hidden)) });
const strip = (row, hidden) => Object.fromEntries(Object.entries(row).filter(([k]) => !hidden.includes(k)));
const accountName = (fixtures, id) => fixtures.accounts.find((a) => a.account_id === id)?.account_name ?? id;
const severityRank = (s) => SEVERITIES.length - SEVERITIES.indexOf(s); // CRITICAL highest

// ---- the endpoints ----------------------------------------------------------------------------

function sumCents(costs) {
  return costs.reduce((s, c) => s + c.cents, 0);
}
function costsIn(fixtures, ids, from, to) {
  const out = [];
  const days = dateRange(from, to);
  for (const id of ids) {
    const byDate = fixtures.index.costs.get(id);
    if (!byDate) continue;
    for (const d of days) for (const c of byDate.get(d) ?? []) out.push(c);
  }
  return out;
}
const hasCosts = (fixtures, ids) => [...ids].some((id) => fixtures.index.costs.has(id));

// Per-account lists, so that a request costs what its accounts hold, not what the mock holds
// (MOCK_ACCOUNTS=1000 has a million cost rows).
function indexFixtures(fixtures) {
  const by = (rows) => {
    const map = new Map();
    for (const r of rows) {
      if (!map.has(r.account_id)) map.set(r.account_id, []);
      map.get(r.account_id).push(r);
    }
    return map;
  };
  const costs = new Map(); // account -> date -> rows
  for (const c of fixtures.costs) {
    if (!costs.has(c.account_id)) costs.set(c.account_id, new Map());
    const byDate = costs.get(c.account_id);
    if (!byDate.has(c.date)) byDate.set(c.date, []);
    byDate.get(c.date).push(c);
  }
  return { costs, findings: by(fixtures.findings), compliance: by(fixtures.compliance) };
}
const findingsOf = (fixtures, ids) => [...ids].flatMap((id) => fixtures.index.findings.get(id) ?? []);

// Spend of this month to date, extrapolated with the mean of the last 7 days.
function forecastMonth(fixtures, ids, anchor) {
  const monthStart = firstOfMonth(anchor);
  const toDate = sumCents(costsIn(fixtures, ids, monthStart, anchor));
  const lastWeek = sumCents(costsIn(fixtures, ids, addDays(anchor, -6), anchor)) / 7;
  const remaining = daysBetween(anchor, lastOfMonth(anchor));
  return { toDate, daily: lastWeek, amount: toDate + lastWeek * remaining };
}

function complianceOn(fixtures, ids, from, to) {
  const newest = new Map(); // account -> its newest row within the range
  for (const id of ids) {
    for (const row of fixtures.index.compliance.get(id) ?? []) {
      if (row.date < from || row.date > to) continue;
      const seen = newest.get(id);
      if (!seen || row.date > seen.date) newest.set(id, row);
    }
  }
  return newest;
}
const scoreOf = (rows) => {
  const total = rows.reduce((s, r) => s + r.total_rules, 0);
  return total ? round1((100 * rows.reduce((s, r) => s + r.compliant_rules, 0)) / total) : null;
};

function overview(params, fixtures) {
  const { accounts, ids, to } = commonFilters(params, fixtures);
  const anchor = to;
  const lastMonthEnd = addDays(firstOfMonth(anchor), -1);
  const lastMonthStart = firstOfMonth(lastMonthEnd);
  const sameDay = addDays(lastMonthStart, Math.min(Number(anchor.slice(8)) - 1, daysBetween(lastMonthStart, lastMonthEnd)));
  const forecast = forecastMonth(fixtures, ids, anchor);
  const open = findingsOf(fixtures, ids).filter((f) => OPEN_STATUSES.has(f.status));
  const bySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, open.filter((f) => f.severity === s).length]));
  const criticalOf = new Map();
  for (const f of open) if (f.severity === 'CRITICAL') criticalOf.set(f.account_id, (criticalOf.get(f.account_id) ?? 0) + 1);
  const compliance = complianceOn(fixtures, ids, addDays(anchor, -29), anchor);
  const attention = [];
  for (const a of accounts) {
    const reasons = [];
    const critical = criticalOf.get(a.account_id) ?? 0;
    if (critical) reasons.push(`${critical} critical finding${critical === 1 ? '' : 's'}`);
    const row = compliance.get(a.account_id);
    const score = row ? (100 * row.compliant_rules) / row.total_rules : null;
    if (score !== null && score < 60) reasons.push(`compliance ${Math.round(score)}%`);
    const lastDay = a.last_document_at.slice(0, 10);
    const age = daysBetween(lastDay, addDays(anchor, 1));
    if (age > 1) reasons.push(`last document ${age} days ago`);
    if (reasons.length) attention.push({ account_id: a.account_id, account_name: a.account_name, reasons });
  }
  attention.sort((x, y) => y.reasons.length - x.reasons.length || x.account_id.localeCompare(y.account_id));
  const anyCosts = hasCosts(fixtures, ids);
  return {
    currency: 'USD',
    spend_this_month: dollars(forecast.toDate),
    spend_last_month: dollars(sumCents(costsIn(fixtures, ids, lastMonthStart, lastMonthEnd))),
    spend_last_month_to_date: dollars(sumCents(costsIn(fixtures, ids, lastMonthStart, sameDay))),
    forecast_this_month: anyCosts ? dollars(forecast.amount) : null,
    findings_by_severity: bySeverity,
    compliance_score: scoreOf([...compliance.values()]),
    accounts_total: accounts.length,
    accounts_attention: attention,
    latest_data_date: anyCosts ? LATEST_DATE : null,
  };
}

function accountsList(params, fixtures) {
  const { accounts, ids } = commonFilters(params, fixtures);
  const monthStart = firstOfMonth(LATEST_DATE);
  const compliance = complianceOn(fixtures, ids, addDays(LATEST_DATE, -29), LATEST_DATE);
  const rows = accounts.map((a) => {
    const open = (fixtures.index.findings.get(a.account_id) ?? []).filter((f) => OPEN_STATUSES.has(f.status));
    const row = compliance.get(a.account_id);
    return {
      ...strip(a, ['_fixture']),
      spend_this_month: dollars(sumCents(costsIn(fixtures, new Set([a.account_id]), monthStart, LATEST_DATE))),
      findings: { CRITICAL: open.filter((f) => f.severity === 'CRITICAL').length, HIGH: open.filter((f) => f.severity === 'HIGH').length },
      compliance_score: row ? round1((100 * row.compliant_rules) / row.total_rules) : null,
    };
  });
  return page(params, rows, {
    columns: ['account_id', 'account_name', 'status', 'customer', 'partner', 'environment', 'spend_this_month', 'compliance_score', 'last_document_at'],
    defaultSort: 'account_id',
  });
}

function costSeries(params, fixtures, bucketOf, buckets) {
  const { ids, from, to } = commonFilters(params, fixtures);
  const groupBy = oneOf('group_by', params.get('group_by'), ['service', 'account'], 'service');
  const top = Math.max(1, nonNegativeInt('top', params.get('top'), DEFAULT_TOP));
  const index = new Map(buckets.map((b, i) => [b, i]));
  const groups = new Map(); // key -> cents per bucket
  for (const c of costsIn(fixtures, ids, from, to)) {
    const key = groupBy === 'service' ? c.service : c.account_id;
    if (!groups.has(key)) groups.set(key, new Array(buckets.length).fill(0));
    groups.get(key)[index.get(bucketOf(c.date))] += c.cents;
  }
  const total = (v) => v.reduce((s, x) => s + x, 0);
  const ranked = [...groups.entries()].sort((a, b) => total(b[1]) - total(a[1]) || a[0].localeCompare(b[0]));
  const series = ranked.slice(0, top).map(([key, v]) => ({
    key, label: groupBy === 'service' ? key : accountName(fixtures, key), values: v.map(dollars),
  }));
  if (ranked.length > top) {
    const other = new Array(buckets.length).fill(0);
    for (const [, v] of ranked.slice(top)) v.forEach((x, i) => (other[i] += x));
    series.push({ key: 'Other', label: 'Other', values: other.map(dollars) });
  }
  return { currency: 'USD', series, total: dollars(ranked.reduce((s, [, v]) => s + total(v), 0)) };
}

function costsDaily(params, fixtures) {
  const { from, to } = commonFilters(params, fixtures);
  const dates = dateRange(from, to);
  const answer = costSeries(params, fixtures, (d) => d, dates);
  return { currency: answer.currency, dates, series: answer.series, total: answer.total };
}

function costsMonthly(params, fixtures) {
  const { from, to } = commonFilters(params, fixtures);
  const months = [...new Set(dateRange(from, to).map(monthOf))];
  const answer = costSeries(params, fixtures, monthOf, months);
  return { currency: answer.currency, months, series: answer.series, total: answer.total };
}

function costsMovers(params, fixtures) {
  const { ids, from, to } = commonFilters(params, fixtures);
  const groupBy = oneOf('group_by', params.get('group_by'), ['service', 'account'], 'service');
  const length = daysBetween(from, to) + 1;
  const prevFrom = addDays(from, -length);
  const prevTo = addDays(from, -1);
  const groups = new Map();
  for (const c of costsIn(fixtures, ids, prevFrom, to)) {
    const key = groupBy === 'service' ? c.service : c.account_id;
    const g = groups.get(key) ?? { current: 0, previous: 0 };
    if (c.date >= from) g.current += c.cents;
    else g.previous += c.cents;
    groups.set(key, g);
  }
  const rows = [...groups.entries()].map(([key, g]) => ({
    key,
    label: groupBy === 'service' ? key : accountName(fixtures, key),
    current: dollars(g.current),
    previous: dollars(g.previous),
    change: dollars(g.current - g.previous),
    change_pct: g.previous ? round1((100 * (g.current - g.previous)) / g.previous) : null,
  }));
  rows.sort((a, b) => Math.abs(b.change) - Math.abs(a.change) || a.key.localeCompare(b.key));
  return page(params, rows, { columns: ['key', 'label', 'current', 'previous', 'change', 'change_pct'] });
}

function costsForecast(params, fixtures) {
  const { ids, to } = commonFilters(params, fixtures);
  if (!hasCosts(fixtures, ids)) return { items: [] };
  const f = forecastMonth(fixtures, ids, to);
  const nextStart = addDays(lastOfMonth(to), 1);
  const nextEnd = lastOfMonth(nextStart);
  return {
    items: [
      { period_start: firstOfMonth(to), period_end: lastOfMonth(to), amount: dollars(f.amount) },
      { period_start: nextStart, period_end: nextEnd, amount: dollars(f.daily * (daysBetween(nextStart, nextEnd) + 1)) },
    ],
  };
}

function openFindings(params, fixtures) {
  const { ids } = commonFilters(params, fixtures);
  return findingsOf(fixtures, ids).filter((f) => OPEN_STATUSES.has(f.status));
}

function securitySummary(params, fixtures) {
  const open = openFindings(params, fixtures);
  const byService = new Map();
  const byAccount = new Map();
  for (const f of open) {
    byService.set(f.service, (byService.get(f.service) ?? 0) + 1);
    if (!byAccount.has(f.account_id)) {
      byAccount.set(f.account_id, { account_id: f.account_id, account_name: accountName(fixtures, f.account_id), ...Object.fromEntries(SEVERITIES.map((s) => [s, 0])) });
    }
    byAccount.get(f.account_id)[f.severity] += 1;
  }
  return {
    by_severity: Object.fromEntries(SEVERITIES.map((s) => [s, open.filter((f) => f.severity === s).length])),
    by_service: [...byService.entries()].map(([service, count]) => ({ service, count })).sort((a, b) => b.count - a.count || a.service.localeCompare(b.service)),
    by_account: [...byAccount.values()].sort((a, b) => a.account_id.localeCompare(b.account_id)),
  };
}

// Findings open on each day: created on or before it, not closed (resolved, suppressed) by then
// (docs/api.md).
function securityTrend(params, fixtures) {
  const { ids, from, to } = commonFilters(params, fixtures);
  const dates = dateRange(from, to);
  const series = Object.fromEntries(SEVERITIES.map((s) => [s, new Array(dates.length).fill(0)]));
  for (const f of findingsOf(fixtures, ids)) {
    dates.forEach((d, i) => {
      if (f.created_on <= d && (!f.resolved_on || f.resolved_on > d)) series[f.severity][i] += 1;
    });
  }
  return { dates, series };
}

function securityFindings(params, fixtures) {
  const { ids } = commonFilters(params, fixtures);
  const severities = values(params, 'severity').map((s) => s.toUpperCase());
  for (const s of severities) if (!SEVERITIES.includes(s)) throw invalid(`severity: expected one of ${SEVERITIES.join(', ')}, got '${s}'`);
  const statuses = values(params, 'status').map((s) => s.toUpperCase());
  const rows = findingsOf(fixtures, ids)
    .filter((f) => (!severities.length || severities.includes(f.severity)) && (!statuses.length || statuses.includes(f.status)));
  return stripItems(['created_on', 'resolved_on'], page(params, rows, {
    columns: ['finding_id', 'account_id', 'title', 'severity', 'status', 'service', 'resource_type', 'resource_id', 'region', 'updated_at'],
    defaultSort: '-updated_at',
    rank: { severity: (f) => severityRank(f.severity) },
  }));
}

function compliance(params, fixtures) {
  const { ids, from, to } = commonFilters(params, fixtures);
  const newest = complianceOn(fixtures, ids, from, to);
  const byDate = new Map();
  for (const row of [...ids].flatMap((id) => fixtures.index.compliance.get(id) ?? [])) {
    if (row.date < from || row.date > to) continue;
    if (!byDate.has(row.date)) byDate.set(row.date, []);
    byDate.get(row.date).push(row);
  }
  const dates = [...byDate.keys()].sort();
  return {
    score: scoreOf([...newest.values()]),
    accounts: [...newest.values()].sort((a, b) => a.account_id.localeCompare(b.account_id)).map((r) => ({
      account_id: r.account_id,
      account_name: accountName(fixtures, r.account_id),
      date: r.date,
      compliance_score: round1((100 * r.compliant_rules) / r.total_rules),
      total_rules: r.total_rules,
      compliant_rules: r.compliant_rules,
      non_compliant_rules: r.non_compliant_rules,
    })),
    trend: { dates, scores: dates.map((d) => scoreOf(byDate.get(d))) },
  };
}

function complianceResources(params, fixtures) {
  const { ids, from, to } = commonFilters(params, fixtures);
  const rows = fixtures.nonCompliant.filter((r) => ids.has(r.account_id) && r.date >= from && r.date <= to);
  return page(params, rows, {
    columns: ['account_id', 'rule_name', 'resource_type', 'resource_id', 'compliance_type', 'date'],
    defaultSort: 'account_id',
  });
}

function supportCases(params, fixtures) {
  const { ids, from, to } = commonFilters(params, fixtures);
  const rows = fixtures.supportCases.filter((c) => ids.has(c.account_id) && c.time_created.slice(0, 10) >= from && c.time_created.slice(0, 10) <= to);
  return page(params, rows, {
    columns: ['case_id', 'display_id', 'account_id', 'subject', 'status', 'severity_code', 'service_code', 'time_created'],
    defaultSort: '-time_created',
  });
}

function healthEvents(params, fixtures) {
  const { ids, from, to } = commonFilters(params, fixtures);
  const rows = fixtures.healthEvents.filter((e) => ids.has(e.account_id) && e.start_time.slice(0, 10) <= to &&
    (!e.end_time || e.end_time.slice(0, 10) >= from));
  return page(params, rows, {
    columns: ['arn', 'account_id', 'service', 'event_type_code', 'region', 'status_code', 'start_time', 'end_time'],
    defaultSort: '-start_time',
  });
}

function resourceRows(params, fixtures) {
  const { ids } = commonFilters(params, fixtures);
  const services = values(params, 'service');
  const types = values(params, 'type');
  const regions = values(params, 'region');
  return fixtures.resources.filter((r) => ids.has(r.account_id) &&
    (!services.length || services.includes(r.service_name)) &&
    (!types.length || types.includes(r.resource_type)) &&
    (!regions.length || regions.includes(r.region)));
}

function resources(params, fixtures) {
  return page(params, resourceRows(params, fixtures), {
    columns: ['account_id', 'service_name', 'resource_type', 'resource_id', 'resource_name', 'region', 'state', 'instance_type'],
    defaultSort: 'account_id',
  });
}

function resourcesSummary(params, fixtures) {
  const counts = new Map();
  for (const r of resourceRows(params, fixtures)) {
    const key = `${r.service_name}\u0000${r.resource_type}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const byType = [...counts.entries()].map(([key, count]) => {
    const [service_name, resource_type] = key.split('\u0000');
    return { service_name, resource_type, count };
  });
  byType.sort((a, b) => b.count - a.count || a.service_name.localeCompare(b.service_name) || a.resource_type.localeCompare(b.resource_type));
  return { by_type: byType };
}

function operationsRuns(params, fixtures) {
  const { from, to } = commonFilters(params, fixtures);
  const rows = fixtures.runs.filter((r) => r.started_at.slice(0, 10) >= from && r.started_at.slice(0, 10) <= addDays(to, 1));
  return page(params, rows, {
    columns: ['id', 'source', 'host', 'started_at', 'finished_at', 'documents_loaded', 'documents_skipped', 'documents_failed'],
  });
}

function operationsCollections(params, fixtures) {
  const { ids, from, to } = commonFilters(params, fixtures);
  const status = oneOf('status', params.get('status'), ['failed', 'passed'], null);
  const rows = fixtures.collections
    .filter((c) => ids.has(c.account_id) && c.date >= from && c.date <= to && (!status || (status === 'failed') === c.failed_count > 0))
    .sort((a, b) => b.collected_at.localeCompare(a.collected_at) || a.log_id - b.log_id);
  return stripItems(['date'], page(params, rows, {
    columns: ['account_id', 'account_name', 'collected_at', 'failed_count'],
  }));
}

function operationsDocuments(params, fixtures) {
  const { ids, from, to } = commonFilters(params, fixtures);
  const status = oneOf('status', params.get('status'), ['failed', 'loaded', 'pending'], null);
  const rows = fixtures.documents
    .filter((d) => ids.has(d.account_id) && d.date >= from && d.date <= to && (!status || d.status === status))
    .sort((a, b) => b.date.localeCompare(a.date) || a.object_key.localeCompare(b.object_key));
  return stripItems(['date'], page(params, rows, {
    columns: ['object_key', 'status', 'account_id', 'region', 'size', 'loaded_at', 'failed_at', 'attempts'],
  }));
}

const ROUTES = {
  '/api/v1/overview': overview,
  '/api/v1/accounts': accountsList,
  '/api/v1/costs/daily': costsDaily,
  '/api/v1/costs/monthly': costsMonthly,
  '/api/v1/costs/movers': costsMovers,
  '/api/v1/costs/forecast': costsForecast,
  '/api/v1/security/summary': securitySummary,
  '/api/v1/security/trend': securityTrend,
  '/api/v1/security/findings': securityFindings,
  '/api/v1/compliance': compliance,
  '/api/v1/compliance/resources': complianceResources,
  '/api/v1/support-cases': supportCases,
  '/api/v1/health-events': healthEvents,
  '/api/v1/resources': resources,
  '/api/v1/resources/summary': resourcesSummary,
  '/api/v1/operations/collections': operationsCollections,
  '/api/v1/operations/runs': operationsRuns,
  '/api/v1/operations/documents': operationsDocuments,
};

function openApi() {
  const list = new Set(['/api/v1/accounts', '/api/v1/costs/movers', '/api/v1/security/findings', '/api/v1/compliance/resources',
    '/api/v1/support-cases', '/api/v1/health-events', '/api/v1/resources', '/api/v1/operations/collections', '/api/v1/operations/runs', '/api/v1/operations/documents']);
  const common = ['account', 'customer', 'partner', 'environment', 'product', 'from', 'to'];
  const paths = {};
  for (const path of Object.keys(ROUTES)) {
    const names = [...common, ...(list.has(path) ? ['limit', 'offset', 'sort'] : [])];
    paths[path.replace('/api/v1', '')] = {
      get: {
        summary: `GET ${path} (mock)`,
        parameters: names.map((name) => ({ name, in: 'query', required: false, schema: { type: 'string' } })),
        responses: { 200: { description: 'OK' }, 400: { description: 'invalid_argument' } },
      },
    };
  }
  return { openapi: '3.1.0', info: { title: 'View360 API (mock)', version: '1' }, servers: [{ url: '/api/v1' }], paths };
}

// ---- HTTP -------------------------------------------------------------------------------------

const CONTENT_TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8', '.map': 'application/json' };

// The headers recommended to `view360 serve` (web/README.md), so the tests run under them: the
// dashboard loads nothing from elsewhere, and needs inline style attributes (ECharts, sizes).
export const SECURITY_HEADERS = {
  'Content-Security-Policy': "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
};

function send(res, status, body, type = 'application/json; charset=utf-8') {
  const data = typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-cache', ...SECURITY_HEADERS });
  res.end(res.req.method === 'HEAD' ? undefined : data);
}
const sendError = (res, status, code, message) => send(res, status, { error: { code, message } });

export async function startMockServer({ port = 0, host = '127.0.0.1', dist, latencyMs = 0, token = null, accounts = Number(process.env.MOCK_ACCOUNTS || 0) || undefined } = {}) {
  const root = dist ?? join(dirname(fileURLToPath(import.meta.url)), '..', 'dist');
  const fixtures = buildFixtures({ accounts });
  fixtures.index = indexFixtures(fixtures);
  let requests = 0;
  const server = createServer(async (req, res) => {
    requests++;
    const url = new URL(req.url, 'http://localhost');
    try {
      if (req.method !== 'GET' && req.method !== 'HEAD') return sendError(res, 405, 'method_not_allowed', `${req.method} is not allowed`);
      if (url.pathname === '/healthz') return send(res, 200, { status: 'ok', warehouse: 'ok' });
      if (url.pathname === '/metrics') {
        return send(res, 200, `# TYPE view360_api_requests_total counter\nview360_api_requests_total ${requests}\n`, 'text/plain; version=0.0.4');
      }
      if (url.pathname.startsWith('/api/')) {
        if (token && req.headers.authorization !== `Bearer ${token}`) return sendError(res, 401, 'unauthenticated', 'a valid bearer token is required');
        if (latencyMs) await new Promise((r) => setTimeout(r, latencyMs));
        if (url.pathname === '/api/v1/openapi.json') return send(res, 200, openApi());
        const handler = ROUTES[url.pathname.replace(/\/$/, '')];
        if (!handler) return sendError(res, 404, 'not_found', `no such endpoint: ${url.pathname}`);
        return send(res, 200, handler(url.searchParams, fixtures));
      }
      // The dashboard: index.html at /, its files beside it; nothing else.
      const name = url.pathname === '/' ? 'index.html' : normalize(url.pathname).replace(/^[/\\]+/, '');
      if (name.includes('..') || name.includes('/') || !CONTENT_TYPES[extname(name)]) return sendError(res, 404, 'not_found', `no such file: ${url.pathname}`);
      try {
        return send(res, 200, await readFile(join(root, name)), CONTENT_TYPES[extname(name)]);
      } catch {
        return sendError(res, 404, 'not_found', `no such file: ${url.pathname} (run npm run build?)`);
      }
    } catch (e) {
      if (e instanceof HttpError) return sendError(res, e.status, e.code, e.message);
      console.error(e);
      return sendError(res, 500, 'internal', String(e?.message ?? e));
    }
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, resolve);
  });
  return server;
}

// Run directly: `node dev/mock-server.mjs --port 8360`.
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const arg = (name, fallback) => {
    const i = process.argv.indexOf(`--${name}`);
    return i > 0 ? process.argv[i + 1] : fallback;
  };
  const server = await startMockServer({
    port: Number(arg('port', process.env.PORT ?? 8360)),
    host: arg('host', '127.0.0.1'),
    dist: arg('dist', undefined),
    latencyMs: Number(process.env.MOCK_LATENCY_MS ?? 0),
    token: process.env.MOCK_TOKEN || null,
  });
  const { address, port } = server.address();
  // The first line is read by dev/run-e2e.mjs: keep its shape.
  console.log(`mock view360 serve listening on http://${address}:${port}/`);
  const stop = () => server.close(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
