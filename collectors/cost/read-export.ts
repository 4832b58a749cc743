// Streams one cost export row by row (plain or gzip CSV), so a file of any size needs the memory
// of one chunk, not of the file. Only the columns a cost row needs are cut out of the text, and the
// repeating ones (currency, date, service, provider) become small interned ids, compared in place.
// Rows come out normalised; rows that cannot count are skipped with a reason and their line.
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { createGunzip } from 'node:zlib';
import type { Readable } from 'node:stream';
import { CsvScanner } from './csv-scanner.ts';
import { DecimalReader } from './decimal.ts';
import { chargeMonth, detectColumns, isAbsent, parseTagCell, type ColumnMap, type CostMeasure, type ExportFormat } from './formats.ts';

/** Raw cells remembered per column before the map is cleared: memory stays flat on odd files. */
const RAW_CACHE_LIMIT = 50_000;

/** A copy that does not keep the chunk it was cut from alive (V8 slices share their parent). */
export function own(text: string): string {
  return text.length < 13 ? text : Buffer.from(text, 'utf8').toString('utf8');
}

/**
 * Names of one column, each with a small id: a raw cell maps to the id of its normalised name
 * (`normalise` returning undefined = not valid, id -1), cached per distinct raw text; a cell equal
 * to the row before's is recognised in place, without cutting it out.
 */
export class Interner {
  readonly names: string[] = [];
  readonly #ids = new Map<string, number>();
  readonly #raw = new Map<string, number>();
  readonly #normalise: (raw: string) => string | undefined;
  #lastRaw = '';
  #lastId = -2;

  constructor(normalise: (raw: string) => string | undefined) {
    this.#normalise = normalise;
  }

  /** The id of a name, added when new. */
  idOfName(name: string): number {
    let id = this.#ids.get(name);
    if (id === undefined) {
      id = this.names.length;
      const kept = own(name);
      this.names.push(kept);
      this.#ids.set(kept, id);
    }
    return id;
  }

  /** The id of the row's cell in `slot`, -1 when it is not valid. */
  idOf(scanner: CsvScanner, slot: number): number {
    if (this.#lastId !== -2 && scanner.equals(slot, this.#lastRaw)) return this.#lastId;
    const raw = scanner.value(slot);
    let id = this.#raw.get(raw);
    if (id === undefined) {
      const name = this.#normalise(raw);
      id = name === undefined ? -1 : this.idOfName(name);
      if (this.#raw.size >= RAW_CACHE_LIMIT) this.#raw.clear();
      this.#raw.set(own(raw), id);
    }
    this.#lastRaw = raw;
    this.#lastId = id;
    return id;
  }
}

const present = (raw: string) => (isAbsent(raw) ? undefined : raw.trim());

/** Interned currencies, months, services and providers; one per run, shared by its files. */
export class CostNames {
  readonly currencies = new Interner((raw) => present(raw.trim()));
  /** Raw date text → its UTC month: each distinct date string is parsed once. */
  readonly months = new Interner((raw) => chargeMonth(raw.trim()));
  readonly services = new Interner((raw) => present(raw) ?? 'Unknown service');
  /** Absent (-1) means the file's provider: FOCUS's '' when its cell is empty, AWS or Microsoft for CUR and Azure. */
  readonly providers = new Interner(present);
}

// Slots the scanner reads each row into; CUR's tag columns follow from TAG_COLUMNS on.
const COST = 0;
const CURRENCY = 1;
const DATE = 2;
const SERVICE = 3;
const PROVIDER = 4;
const RESOURCE = 5;
const TAGS = 6;
const TAG_COLUMNS = 7;

/**
 * One charge, reduced to what allocation and totals need. The reader hands the same object for
 * every row (millions of rows, no garbage): copy what you keep past the callback. The repeating
 * columns are ids into `names`; the getters give their text.
 */
export class CostLine {
  /** The cost cell, read exactly (`cost.value` for a Decimal). */
  readonly cost = new DecimalReader();
  currencyId = 0;
  monthId = 0;
  serviceId = 0;
  providerId = 0;
  readonly names: CostNames;
  #scanner: CsvScanner | undefined;
  #columns: ColumnMap | undefined;

  constructor(names: CostNames) {
    this.names = names;
  }

  /** Points the line at the scanner's current row (the reader's business). */
  attach(scanner: CsvScanner, columns: ColumnMap): void {
    this.#scanner = scanner;
    this.#columns = columns;
  }

  get currency(): string {
    return this.names.currencies.names[this.currencyId]!;
  }
  /** UTC month, `2024-09`. */
  get month(): string {
    return this.names.months.names[this.monthId]!;
  }
  get service(): string {
    return this.names.services.names[this.serviceId]!;
  }
  get provider(): string {
    return this.names.providers.names[this.providerId]!;
  }

  /** The resource id ('' when the file has none or the cell is empty/NULL). */
  get resourceId(): string {
    const scanner = this.#scanner!;
    if (this.#columns!.resourceId < 0 || scanner.isEmpty(RESOURCE)) return '';
    const id = scanner.value(RESOURCE);
    return isAbsent(id) ? '' : id;
  }

  /** Whether `resourceId` would be `expected`, without cutting it out of the text. */
  resourceIdIs(expected: string): boolean {
    if (expected === '' || expected === 'NULL' || expected === 'null') return this.resourceId === expected;
    return this.#columns!.resourceId >= 0 && this.#scanner!.equals(RESOURCE, expected);
  }

  /** The raw tag text (or CUR's tag cells joined): equal text, equal tags, so allocation can be cached by it. */
  get tagText(): string {
    const columns = this.#columns!;
    const scanner = this.#scanner!;
    if (columns.tags >= 0) return scanner.value(TAGS);
    return columns.tagColumns.map((_, i) => scanner.value(TAG_COLUMNS + i)).join('\u0001');
  }

  /**
   * The tags as they stand in the file (CSV "" escapes kept): equal keys, equal tags, so allocation
   * is cached by it without unescaping every row.
   */
  get tagKey(): string {
    const columns = this.#columns!;
    const scanner = this.#scanner!;
    if (columns.tags >= 0) return scanner.raw(TAGS);
    return columns.tagColumns.map((_, i) => scanner.raw(TAG_COLUMNS + i)).join('\u0001');
  }

  /** Whether `tagKey` would be `expected`, compared in place where the file has one tag column. */
  tagKeyIs(expected: string): boolean {
    if (this.#columns!.tags >= 0) return this.#scanner!.rawEquals(TAGS, expected);
    return this.tagKey === expected;
  }

  /** Parses the tags (undefined when the cell is not JSON). */
  readTags(): Map<string, string> | undefined {
    const columns = this.#columns!;
    const scanner = this.#scanner!;
    if (columns.tags >= 0) return parseTagCell(scanner.value(TAGS));
    const tags = new Map<string, string>();
    columns.tagColumns.forEach(({ key }, i) => {
      const value = scanner.value(TAG_COLUMNS + i);
      if (!isAbsent(value)) tags.set(key, value);
    });
    return tags;
  }
}

export interface SkippedRow {
  reason: string;
  /** 1-based data row (the header is row 0). */
  row: number;
  /** 1-based line of the file the row starts on (the header is line 1; quoted newlines count). */
  line: number;
}

export interface ExportReadResult {
  format?: ExportFormat;
  rowsRead: number;
  /** Set when the whole file could not be read (unknown header, not CSV, unreadable). */
  error?: string;
}

const GZIP_MAGIC = [0x1f, 0x8b];

async function isGzip(file: string): Promise<boolean> {
  const handle = await open(file, 'r');
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(2), 0, 2, 0);
    return bytesRead === 2 && buffer[0] === GZIP_MAGIC[0] && buffer[1] === GZIP_MAGIC[1];
  } finally {
    await handle.close();
  }
}

/** Opens a file as UTF-8 text, gunzipping when its first bytes say gzip (whatever its name). */
async function openText(file: string): Promise<Readable> {
  // Checked before the stream exists: a file that cannot be opened is an error here, not an
  // unhandled 'error' event on a stream nobody reads.
  const gzip = await isGzip(file);
  const raw = createReadStream(file, { highWaterMark: 1 << 20 });
  const stream: Readable = gzip ? raw.pipe(createGunzip()) : raw;
  if (stream !== raw) raw.on('error', (error) => stream.destroy(error));
  // Decoding in the stream keeps a multi-byte character split across chunks whole.
  stream.setEncoding('utf8');
  return stream;
}

/**
 * Reads `file`, calling `onLine` for every row that counts and `onSkip` for every row that does not.
 * Resolves when the file is done; a file that cannot be read at all resolves with `error`. Pass one
 * `names` to every file of a run so their ids agree.
 */
export async function readCostExport(
  file: string,
  measure: CostMeasure,
  onLine: (line: CostLine) => void,
  onSkip: (skipped: SkippedRow) => void,
  names: CostNames = new CostNames(),
): Promise<ExportReadResult> {
  let stream: Readable;
  try {
    stream = await openText(file);
  } catch (error) {
    return { rowsRead: 0, error: `cannot open it (${(error as Error).message})` };
  }
  let columns: ColumnMap | undefined;
  let width = 0;
  let row = -1;
  let fatal: string | undefined;
  let fixedProvider = -1;
  const line = new CostLine(names);
  const { currencies, months, services, providers } = names;
  const cost = line.cost;

  const scanner = new CsvScanner((scan) => {
    if (fatal) return;
    row++;
    if (!columns) {
      const detected = detectColumns(scan.fields(), measure);
      if ('error' in detected) {
        fatal = detected.error;
        row = 0;
        return;
      }
      columns = detected;
      width = scan.fieldCount;
      fixedProvider = providers.idOfName(detected.providerName);
      scan.select([
        detected.cost, detected.currency, detected.date, detected.service, detected.provider, detected.resourceId, detected.tags,
        ...detected.tagColumns.map((c) => c.index),
      ]);
      line.attach(scan, detected);
      return;
    }
    if (scan.fault) {
      onSkip({ row, line: scan.line, reason: scan.fault });
      return;
    }
    if (scan.fieldCount !== width) {
      onSkip({ row, line: scan.line, reason: `has ${scan.fieldCount} fields where the header has ${width} (a broken quote or a cut line)` });
      return;
    }
    const map = columns;
    if (!(scan.isEscaped(COST) ? cost.read(scan.value(COST)) : cost.read(scan.text, scan.startOf(COST), scan.endOf(COST)))) {
      onSkip({ row, line: scan.line, reason: isAbsent(scan.value(COST)) ? `${map.costColumn} is empty or NULL` : `${map.costColumn} is not a number` });
      return;
    }
    const currency = currencies.idOf(scan, CURRENCY);
    if (currency < 0) {
      onSkip({ row, line: scan.line, reason: 'has no currency' });
      return;
    }
    const month = months.idOf(scan, DATE);
    if (month < 0) {
      onSkip({ row, line: scan.line, reason: `${map.dateColumn} is not a date` });
      return;
    }
    line.currencyId = currency;
    line.monthId = month;
    line.serviceId = services.idOf(scan, SERVICE);
    if (map.provider >= 0) {
      const provider = providers.idOf(scan, PROVIDER);
      line.providerId = provider < 0 ? fixedProvider : provider;
    } else line.providerId = fixedProvider;
    onLine(line);
  });

  try {
    for await (const chunk of stream) {
      scanner.push(chunk as string);
      if (scanner.fatal || fatal) break;
    }
    if (!fatal) scanner.end();
  } catch (error) {
    if (!fatal) fatal = `cannot read it (${(error as Error).message}); rows after row ${Math.max(row, 0)} were not read`;
  } finally {
    stream.destroy();
  }
  fatal ??= scanner.fatal;
  return { format: columns?.format, rowsRead: Math.max(row, 0), ...(fatal ? { error: fatal } : {}) };
}
