// Money as the cost pages show it: exact decimal strings from the collector, rounded to cents
// only for display, grouped by thousands, always with their currency.
import { parseDecimal, roundDecimal, subtractDecimal, compareDecimal, formatDecimal, ZERO } from '../../../collectors/cost/decimal.ts';
import type { CostBreakdown, CurrencyCost } from '../../../collectors/cost/ledger.ts';

/** `"1234.5678"` → `1,234.57`. */
export function formatAmount(amount: string | undefined): string {
  const rounded = roundDecimal(parseDecimal(amount ?? '0') ?? ZERO, 2);
  const negative = rounded.startsWith('-');
  const [whole, cents] = (negative ? rounded.slice(1) : rounded).split('.') as [string, string];
  return `${negative ? '−' : ''}${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${cents}`;
}

/** The signed difference `current − previous`, formatted (`+12.30`, `−4.00`). */
export function formatChange(current: string | undefined, previous: string | undefined): string {
  const difference = subtractDecimal(parseDecimal(current ?? '0') ?? ZERO, parseDecimal(previous ?? '0') ?? ZERO);
  const text = formatAmount(formatDecimal(difference));
  return difference.units > 0n && text !== '0.00' ? `+${text}` : text;
}

/** `a − b`, exact, as a decimal string. */
export function subtractAmounts(a: string | undefined, b: string | undefined): string {
  return formatDecimal(subtractDecimal(parseDecimal(a ?? '0') ?? ZERO, parseDecimal(b ?? '0') ?? ZERO));
}

/** Share of `part` in `whole` as a percentage with one decimal, `12.5 %`; `–` when whole is zero. */
export function formatShare(part: string | undefined, whole: string | undefined): string {
  const w = parseDecimal(whole ?? '0') ?? ZERO;
  if (compareDecimal(w, ZERO) === 0) return '–';
  const p = parseDecimal(part ?? '0') ?? ZERO;
  const ratio = Number(formatDecimal(p)) / Number(formatDecimal(w));
  return `${(ratio * 100).toFixed(1)} %`;
}

/** The last `count` months present in a currency's cost, oldest first. */
export function lastMonths(cost: CurrencyCost, count = 6): string[] {
  return cost.months.map((m) => m.month).slice(-count);
}

/** `2024-09` → `Sep 2024`. */
export function monthLabel(month: string): string {
  const names = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const [year, m] = month.split('-');
  return `${names[Number(m) - 1] ?? m} ${year}`;
}

/** Per service (provider + name), the amount in each month, for a trend table. */
export function serviceTrend(cost: CurrencyCost, months: string[]): { service: string; provider: string; amounts: (string | undefined)[] }[] {
  const rows = new Map<string, { service: string; provider: string; amounts: (string | undefined)[] }>();
  months.forEach((month, i) => {
    for (const s of cost.months.find((m) => m.month === month)?.byService ?? []) {
      const key = `${s.provider}\u0000${s.service}`;
      let row = rows.get(key);
      if (!row) rows.set(key, (row = { service: s.service, provider: s.provider, amounts: months.map(() => undefined) }));
      row.amounts[i] = s.amount;
    }
  });
  const latest = (r: { amounts: (string | undefined)[] }) => parseDecimal(r.amounts[r.amounts.length - 1] ?? '0') ?? ZERO;
  return [...rows.values()].sort((a, b) => compareDecimal(latest(b), latest(a)) || a.service.localeCompare(b.service));
}

export function monthTotal(cost: CurrencyCost, month: string | undefined): string | undefined {
  return cost.months.find((m) => m.month === month)?.total;
}

export function currencyOf(cost: CostBreakdown, currency: string): CurrencyCost | undefined {
  return cost.currencies.find((c) => c.currency === currency);
}
