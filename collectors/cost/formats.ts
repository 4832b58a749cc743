// The three export layouts Backlot reads, told apart by their header: FinOps FOCUS (1.0 and later),
// AWS's legacy Cost and Usage Report, and Azure's EA usage export. Each maps to the same few
// columns a cost row needs; the files' quirks (literal NULL, JSON tags, zone-less dates) end here.
import { findDataFault } from '../../lib/parse/keys.ts';

export type ExportFormat = 'focus' | 'aws-cur' | 'azure-ea';

/** Which cost column of a FOCUS export is summed (CUR and Azure have one each). */
export type CostMeasure = 'billed' | 'effective';

/** Column positions of one file's header. */
export interface ColumnMap {
  format: ExportFormat;
  /** Header names, as the report and problems name them. */
  costColumn: string;
  dateColumn: string;
  cost: number;
  currency: number;
  date: number;
  service: number;
  provider: number;
  resourceId: number;
  /** A column holding all tags as JSON (FOCUS `Tags`, Azure `Tags`). */
  tags: number;
  /** CUR keeps one column per tag: `resourceTags/user:team` → key `team`. */
  tagColumns: { key: string; index: number }[];
  /** Fixed provider name when the file has no provider column. */
  providerName: string;
}

/** Reads the header; undefined when no known layout matches, with the reason. */
export function detectColumns(header: string[], measure: CostMeasure): ColumnMap | { error: string } {
  const names = header.map((name, i) => (i === 0 ? name.replace(/^\uFEFF/, '') : name).trim());
  const at = (name: string) => names.indexOf(name);
  if (at('BilledCost') >= 0 && at('ChargePeriodStart') >= 0) {
    const costColumn = measure === 'effective' ? 'EffectiveCost' : 'BilledCost';
    const missing = [costColumn, 'BillingCurrency', 'ServiceName'].filter((name) => at(name) < 0);
    if (missing.length) return { error: `looks like FOCUS but has no ${missing.join(', ')} column` };
    return {
      format: 'focus', costColumn, dateColumn: 'ChargePeriodStart',
      cost: at(costColumn), currency: at('BillingCurrency'), date: at('ChargePeriodStart'),
      service: at('ServiceName'), provider: at('ProviderName'), resourceId: at('ResourceId'),
      tags: at('Tags'), tagColumns: [], providerName: '',
    };
  }
  if (at('lineItem/UnblendedCost') >= 0) {
    const missing = ['lineItem/CurrencyCode', 'lineItem/UsageStartDate'].filter((name) => at(name) < 0);
    if (missing.length) return { error: `looks like an AWS CUR but has no ${missing.join(', ')} column` };
    const service = at('product/ProductName') >= 0 ? at('product/ProductName') : at('lineItem/ProductCode');
    return {
      format: 'aws-cur', costColumn: 'lineItem/UnblendedCost', dateColumn: 'lineItem/UsageStartDate',
      cost: at('lineItem/UnblendedCost'), currency: at('lineItem/CurrencyCode'), date: at('lineItem/UsageStartDate'),
      service, provider: -1, resourceId: at('lineItem/ResourceId'), tags: -1,
      tagColumns: names
        .map((name, index) => ({ name, index }))
        .filter(({ name }) => name.startsWith('resourceTags/'))
        .map(({ name, index }) => ({ key: name.slice('resourceTags/'.length).replace(/^(user|aws):/, ''), index })),
      providerName: 'AWS',
    };
  }
  const azureCost = at('CostInBillingCurrency') >= 0 ? 'CostInBillingCurrency' : at('Cost') >= 0 ? 'Cost' : '';
  if (azureCost && at('Date') >= 0 && at('MeterCategory') >= 0) {
    const currency = at('BillingCurrencyCode') >= 0 ? at('BillingCurrencyCode') : at('BillingCurrency');
    if (currency < 0) return { error: 'looks like an Azure export but has no BillingCurrencyCode column' };
    return {
      format: 'azure-ea', costColumn: azureCost, dateColumn: 'Date',
      cost: at(azureCost), currency, date: at('Date'), service: at('MeterCategory'), provider: -1,
      resourceId: at('ResourceId'), tags: at('Tags'), tagColumns: [], providerName: 'Microsoft',
    };
  }
  return {
    error: 'the header matches no known export: expected FOCUS (BilledCost, ChargePeriodStart …), an AWS CUR (lineItem/UnblendedCost …) or an Azure EA export (CostInBillingCurrency, Date, MeterCategory …)',
  };
}

/** A cell that says "no value": empty, or the literal NULL some exporters write. */
export function isAbsent(cell: string | undefined): boolean {
  return cell === undefined || cell === '' || cell === 'NULL' || cell === 'null';
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;
const ISO_PREFIX = /^\d{4}-\d{2}-\d{2}$/;
const US_DATE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:\s.*)?$/;

/**
 * The UTC month (`2024-09`) a charge falls in. Dates without a zone are UTC (FOCUS's sample writes
 * `2024-09-18 22:00:00`); Azure EA writes `9/2/2023` (month first).
 */
export function chargeMonth(cell: string): string | undefined {
  // Fast path for the common zone-less or UTC form (`2024-09-18 22:00:00`, `…T23:00:00.000Z`).
  const length = cell.length;
  if (length >= 10 && cell.charCodeAt(4) === 45 && cell.charCodeAt(7) === 45) {
    const last = cell.charCodeAt(length - 1);
    const separator = length > 10 ? cell.charCodeAt(10) : 32;
    if ((separator === 32 || separator === 84) && ((last >= 48 && last <= 57 && cell.indexOf('+', 10) === -1 && cell.indexOf('-', 10) === -1) || last === 90)) {
      const month = (cell.charCodeAt(5) - 48) * 10 + (cell.charCodeAt(6) - 48);
      const day = (cell.charCodeAt(8) - 48) * 10 + (cell.charCodeAt(9) - 48);
      if (month >= 1 && month <= 12 && day >= 1 && day <= 31 && ISO_PREFIX.test(cell.slice(0, 10))) return cell.slice(0, 7);
      return undefined;
    }
  }
  const iso = ISO_DATE.exec(cell);
  if (iso) {
    const [, year, month, day, , , , zone] = iso;
    if (Number(month) < 1 || Number(month) > 12 || Number(day) < 1 || Number(day) > 31) return undefined;
    if (!zone || zone.toUpperCase() === 'Z' || /^[+-]00:?00$/.test(zone)) return `${year}-${month}`;
    const time = Date.parse(cell.replace(' ', 'T').replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
    return Number.isNaN(time) ? undefined : new Date(time).toISOString().slice(0, 7);
  }
  const us = US_DATE.exec(cell);
  if (us) {
    const [, month, day, year] = us;
    if (Number(month) < 1 || Number(month) > 12 || Number(day) < 1 || Number(day) > 31) return undefined;
    return `${year}-${month!.padStart(2, '0')}`;
  }
  return undefined;
}

/**
 * Tags from a JSON cell: FOCUS writes an object (`{"team": "payments"}`), Azure EA writes its
 * members without braces (`"tagA": "valueA","tagB": "valueB"`). Keys trimmed; values as strings.
 * Returns a Map so no tag key can act as an object key (`__proto__`).
 */
export function parseTagCell(cell: string): Map<string, string> | undefined {
  if (isAbsent(cell)) return new Map();
  let parsed: unknown;
  try {
    parsed = JSON.parse(cell);
  } catch {
    try {
      parsed = JSON.parse(`{${cell}}`);
    } catch {
      return undefined;
    }
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return undefined;
  // lib/parse's one rule for input data: a cell with a __proto__/constructor/prototype key is not read.
  if (findDataFault(parsed)) return undefined;
  const tags = new Map<string, string>();
  for (const [key, value] of Object.entries(parsed)) {
    if (value === null || value === undefined) continue;
    tags.set(key.trim(), typeof value === 'string' ? value : JSON.stringify(value));
  }
  return tags;
}
