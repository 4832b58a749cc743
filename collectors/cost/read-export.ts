// Streams one cost export row by row (plain or gzip CSV), so a file of any size needs the memory
// of one chunk, not of the file. Rows come out normalised; rows that cannot count are skipped
// with a reason and their position, never guessed at.
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { createGunzip } from 'node:zlib';
import type { Readable } from 'node:stream';
import Papa from 'papaparse';
import { DecimalReader } from './decimal.ts';
import { chargeMonth, detectColumns, isAbsent, parseTagCell, type ColumnMap, type CostMeasure, type ExportFormat } from './formats.ts';

/**
 * One charge, reduced to what allocation and totals need. The reader hands the same object for
 * every row (millions of rows, no garbage): copy what you keep past the callback.
 */
export interface CostLine {
  /** The cost cell, read exactly (`cost.value` for a Decimal). */
  cost: DecimalReader;
  currency: string;
  /** UTC month, `2024-09`. */
  month: string;
  service: string;
  provider: string;
  resourceId: string;
  /** The raw tag text (or CUR's tag cells joined): equal text, equal tags, so allocation can be cached by it. */
  tagText: string;
  /** Parses the tags (undefined when the cell is not JSON). */
  readTags(): Map<string, string> | undefined;
}

export interface SkippedRow {
  reason: string;
  /** 1-based data row (the header is row 0). */
  row: number;
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
  const raw = createReadStream(file, { highWaterMark: 1 << 20 });
  const stream: Readable = (await isGzip(file)) ? raw.pipe(createGunzip()) : raw;
  if (stream !== raw) raw.on('error', (error) => stream.destroy(error));
  // Decoding in the stream keeps a multi-byte character split across chunks whole.
  stream.setEncoding('utf8');
  return stream;
}

/**
 * Reads `file`, calling `onLine` for every row that counts and `onSkip` for every row that does not.
 * Resolves when the file is done; a file that cannot be read at all resolves with `error`.
 */
export async function readCostExport(
  file: string,
  measure: CostMeasure,
  onLine: (line: CostLine) => void,
  onSkip: (skipped: SkippedRow) => void,
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
  let lastDate: string | undefined;
  let lastMonth: string | undefined;
  let current: string[] = [];
  const line: CostLine = {
    cost: new DecimalReader(), currency: '', month: '', service: '', provider: '', resourceId: '', tagText: '',
    readTags: () => (columns!.tags >= 0 ? parseTagCell(line.tagText) : columnTags(columns!, current)),
  };
  return new Promise<ExportReadResult>((resolve) => {
    const finish = () => resolve({ format: columns?.format, rowsRead: Math.max(row, 0), error: fatal });
    stream.on('error', (error) => {
      fatal ??= `cannot read it (${error.message}); rows after row ${Math.max(row, 0)} were not read`;
    });
    Papa.parse<string[]>(stream as unknown as File, {
      skipEmptyLines: true,
      step: (result, parser) => {
        row++;
        const cells = result.data;
        if (!columns) {
          const detected = detectColumns(cells, measure);
          if ('error' in detected) {
            fatal = detected.error;
            row = 0;
            parser.abort();
            return;
          }
          columns = detected;
          width = cells.length;
          return;
        }
        if (cells.length !== width) {
          onSkip({ row, reason: `has ${cells.length} fields where the header has ${width} (a broken quote or a cut line)` });
          return;
        }
        const costCell = cells[columns.cost]!;
        if (!line.cost.read(costCell)) {
          onSkip({ row, reason: isAbsent(costCell) ? `${columns.costColumn} is empty or NULL` : `${columns.costColumn} is not a number` });
          return;
        }
        const currency = cells[columns.currency]!.trim();
        if (isAbsent(currency)) {
          onSkip({ row, reason: 'has no currency' });
          return;
        }
        const dateCell = cells[columns.date]!;
        // Exports come sorted or grouped by period, so the same date text repeats row after row.
        if (dateCell !== lastDate) {
          lastDate = dateCell;
          lastMonth = chargeMonth(dateCell.trim());
        }
        if (!lastMonth) {
          onSkip({ row, reason: `${columns.dateColumn} is not a date` });
          return;
        }
        const map = columns;
        line.currency = currency;
        line.month = lastMonth;
        line.service = presentOr(cells[map.service], 'Unknown service');
        line.provider = map.provider >= 0 ? presentOr(cells[map.provider], map.providerName) : map.providerName;
        line.resourceId = map.resourceId >= 0 && !isAbsent(cells[map.resourceId]) ? cells[map.resourceId]! : '';
        line.tagText = map.tags >= 0 ? cells[map.tags]! : map.tagColumns.length ? map.tagColumns.map((c) => cells[c.index]).join('\u0001') : '';
        current = cells;
        onLine(line);
      },
      complete: finish,
      error: (error: Error) => {
        fatal ??= `cannot parse it as CSV (${error.message})`;
        finish();
      },
    });
  });
}

function presentOr(cell: string | undefined, fallback: string): string {
  return isAbsent(cell) ? fallback : cell!.trim();
}

function columnTags(columns: ColumnMap, cells: string[]): Map<string, string> {
  const tags = new Map<string, string>();
  for (const { key, index } of columns.tagColumns) {
    const value = cells[index];
    if (!isAbsent(value)) tags.set(key, value!);
  }
  return tags;
}
