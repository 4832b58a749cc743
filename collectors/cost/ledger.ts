// Adds allocated charges up, exactly, by entity × currency × month × cloud service, and turns the
// sums into the records the portal reads. Currencies are never added together: every total is
// per currency. Keys made of file content live in Maps and leave as arrays, never as object keys.
import { DecimalSum, compareDecimal, formatDecimal, parseDecimal, subtractDecimal, type Decimal, ZERO } from './decimal.ts';
import type { CostLine } from './read-export.ts';

/** An exact amount as a decimal string (`"12.0000009984"`), so JSON keeps every digit. */
export type Amount = string;

export interface ServiceAmount { service: string; provider: string; amount: Amount }
export interface MonthCost { month: string; total: Amount; byService: ServiceAmount[] }
export interface CurrencyCost { currency: string; total: Amount; months: MonthCost[] }
/** Cost of one entity (or of the unallocated rest), per currency. */
export interface CostBreakdown { currencies: CurrencyCost[] }

interface Cell { ref: string; currency: string; month: string; service: string; provider: string; sum: DecimalSum }

/** `ref` '' holds the unallocated cost. */
export class CostLedger {
  // Indexed by interned ids, currency → month → provider → service → ref: five array reads per row
  // instead of five string-keyed Map lookups (the ids come from the reader's CostNames). Ref last:
  // the first four repeat row after row and stay in cache; refs change from row to row.
  readonly #cellTree: Cell[][][][][] = [];
  readonly #refIds = new Map<string, number>();
  readonly #cellsByRef = new Map<string, Cell[]>();
  readonly #cells: Cell[] = [];
  #lastRef: string | undefined = '\u0000';
  #lastRefId = -1;

  add(ref: string | undefined, line: CostLine): void {
    let refId: number;
    if (ref === this.#lastRef) refId = this.#lastRefId;
    else {
      const owner = ref ?? '';
      let id = this.#refIds.get(owner);
      if (id === undefined) {
        this.#refIds.set(owner, (id = this.#refIds.size));
        this.#cellsByRef.set(owner, []);
      }
      this.#lastRef = ref;
      this.#lastRefId = refId = id;
    }
    const months = (this.#cellTree[line.currencyId] ??= []);
    const providers = (months[line.monthId] ??= []);
    const services = (providers[line.providerId] ??= []);
    const refs = (services[line.serviceId] ??= []);
    let cell = refs[refId];
    if (!cell) {
      const owner = ref ?? '';
      cell = { ref: owner, currency: line.currency, month: line.month, service: line.service, provider: line.provider, sum: new DecimalSum() };
      refs[refId] = cell;
      this.#cells.push(cell);
      this.#cellsByRef.get(owner)!.push(cell);
    }
    cell.sum.addRead(line.cost);
  }

  /** Refs that received cost, sorted. */
  refs(): string[] {
    return [...this.#cellsByRef.keys()].filter(Boolean).sort();
  }

  /** The breakdown of one ref ('' for unallocated, a list for a team's entities together). */
  breakdown(refs: string | Iterable<string>): CostBreakdown {
    const cells: Cell[] = [];
    for (const ref of new Set(typeof refs === 'string' ? [refs] : refs)) cells.push(...(this.#cellsByRef.get(ref) ?? []));
    return breakdownOf(cells);
  }

  /** Everything, allocated or not. */
  total(): CostBreakdown {
    return breakdownOf(this.#cells);
  }
}

function breakdownOf(cells: Cell[]): CostBreakdown {
  const currencies = new Map<string, Map<string, Map<string, { provider: string; service: string; sum: DecimalSum }>>>();
  for (const cell of cells) {
    let months = currencies.get(cell.currency);
    if (!months) currencies.set(cell.currency, (months = new Map()));
    let services = months.get(cell.month);
    if (!services) months.set(cell.month, (services = new Map()));
    const key = `${cell.provider}\u0000${cell.service}`;
    let service = services.get(key);
    if (!service) services.set(key, (service = { provider: cell.provider, service: cell.service, sum: new DecimalSum() }));
    service.sum.add(cell.sum.value);
  }
  return {
    currencies: [...currencies].sort(([a], [b]) => a.localeCompare(b)).map(([currency, months]) => {
      const currencyTotal = new DecimalSum();
      const monthList = [...months].sort(([a], [b]) => a.localeCompare(b)).map(([month, services]) => {
        const monthTotal = new DecimalSum();
        const byService = [...services.values()]
          .sort((a, b) => compareDecimal(b.sum.value, a.sum.value) || a.service.localeCompare(b.service))
          .map((s) => {
            monthTotal.add(s.sum.value);
            return { service: s.service, provider: s.provider, amount: formatDecimal(s.sum.value) };
          });
        currencyTotal.add(monthTotal.value);
        return { month, total: formatDecimal(monthTotal.value), byService };
      });
      return { currency, total: formatDecimal(currencyTotal.value), months: monthList };
    }),
  };
}

export interface Mover {
  ref: string;
  currency: string;
  previousMonth: string;
  month: string;
  previous: Amount;
  current: Amount;
  change: Amount;
}

/**
 * The biggest changes between the last two months of each currency, by size of change (rises and
 * falls), so the /cost/ page shows what moved.
 */
export function topMovers(byRef: { ref: string; cost: CostBreakdown }[], limit = 10): Mover[] {
  const monthsByCurrency = new Map<string, Set<string>>();
  for (const { cost } of byRef) {
    for (const c of cost.currencies) {
      const set = monthsByCurrency.get(c.currency) ?? new Set();
      for (const m of c.months) set.add(m.month);
      monthsByCurrency.set(c.currency, set);
    }
  }
  const movers: (Mover & { size: Decimal })[] = [];
  for (const [currency, monthSet] of monthsByCurrency) {
    const months = [...monthSet].sort();
    if (months.length < 2) continue;
    const [previousMonth, month] = months.slice(-2) as [string, string];
    for (const { ref, cost } of byRef) {
      const c = cost.currencies.find((x) => x.currency === currency);
      if (!c) continue;
      const previous = amountOf(c.months.find((m) => m.month === previousMonth)?.total);
      const current = amountOf(c.months.find((m) => m.month === month)?.total);
      const change = subtractDecimal(current, previous);
      if (change.units === 0n) continue;
      movers.push({
        ref, currency, previousMonth, month,
        previous: formatDecimal(previous), current: formatDecimal(current), change: formatDecimal(change),
        size: change.units < 0n ? { units: -change.units, scale: change.scale } : change,
      });
    }
  }
  return movers
    .sort((a, b) => compareDecimal(b.size, a.size) || a.ref.localeCompare(b.ref))
    .slice(0, limit)
    .map(({ size: _size, ...mover }) => mover);
}

function amountOf(text: string | undefined): Decimal {
  return (text === undefined ? undefined : parseDecimal(text)) ?? ZERO;
}
