// How numbers and times are shown. The browser tests format the API's numbers with the same
// rules (tests/web/dashboard.spec.mjs) and compare: change both together.

const money = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', minimumFractionDigits: 2, maximumFractionDigits: 2 });
const moneyCompact = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', notation: 'compact', maximumFractionDigits: 1 });
const count = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const oneDecimal = new Intl.NumberFormat('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 });

export const NONE = '—';

export const fmtMoney = (n: number | null | undefined): string => (n === null || n === undefined ? NONE : money.format(n));
export const fmtMoneyCompact = (n: number): string => moneyCompact.format(n);
export const fmtCount = (n: number | null | undefined): string => (n === null || n === undefined ? NONE : count.format(n));
export const fmtPercent = (n: number | null | undefined): string => (n === null || n === undefined ? NONE : `${oneDecimal.format(n)}%`);

/** +$1,234.56 / −$1,234.56 (a real minus sign, so it reads as one in every font). */
export function fmtSignedMoney(n: number): string {
  if (n === 0) return money.format(0);
  return `${n > 0 ? '+' : '−'}${money.format(Math.abs(n))}`;
}
export function fmtSignedPercent(n: number | null | undefined): string {
  if (n === null || n === undefined) return NONE;
  if (n === 0) return `${oneDecimal.format(0)}%`;
  return `${n > 0 ? '+' : '−'}${oneDecimal.format(Math.abs(n))}%`;
}

export function fmtBytes(n: number | null | undefined): string {
  if (n === null || n === undefined) return NONE;
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${oneDecimal.format(n / 1024)} KiB`;
  return `${oneDecimal.format(n / 1024 / 1024)} MiB`;
}

/** '2025-09-15T10:20:30Z' → '2025-09-15 10:20 UTC'. Times stay in UTC, as the API gives them. */
export function fmtTime(iso: string | null | undefined): string {
  if (!iso) return NONE;
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})/.exec(iso);
  return m ? `${m[1]} ${m[2]} UTC` : iso;
}

/** Duration between two ISO times: '1 min 4 s', '38 s'. */
export function fmtDuration(start: string, end: string | null): string {
  if (!end) return 'running';
  const s = Math.max(0, Math.round((Date.parse(end) - Date.parse(start)) / 1000));
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${s % 60} s`;
  return `${Math.floor(s / 3600)} h ${Math.floor((s % 3600) / 60)} min`;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
/** '2025-09' → 'Sep 2025'; '2025-09-15' → 'Sep 15'. */
export function fmtMonth(ym: string): string {
  return `${MONTHS[Number(ym.slice(5, 7)) - 1]} ${ym.slice(0, 4)}`;
}
export function fmtDay(date: string): string {
  return `${MONTHS[Number(date.slice(5, 7)) - 1]} ${Number(date.slice(8, 10))}`;
}
