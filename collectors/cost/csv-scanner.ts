// A streaming CSV scanner that cuts only the columns the cost reader asks for: papaparse builds a
// string for every field of every row (14 per FOCUS row; ~290k rows per CPU-second before any
// work), where cost needs 7 and can compare most of them in place. RFC 4180 quoting ("" escapes,
// newlines inside quotes, LF/CRLF/CR), physical line numbers for errors; papaparse is its test oracle.

const COMMA = 44;
const QUOTE = 34;
const LF = 10;
const CR = 13;

/** A pending row longer than this is a quote that never closes, not data: stop instead of holding the file. */
export const MAX_ROW_CHARS = 16 * 1024 * 1024;

export type RowHandler = (scanner: CsvScanner) => void;

/**
 * Feed text with `push`, then `end`. For every non-empty row `onRow` runs with the scanner holding
 * that row: `fieldCount`, `line` (1-based physical line it starts on), `fault` (a malformed quote),
 * and the selected fields by slot (`value`, `equals`, `isEmpty`). Before `select` is called every
 * field is kept (`fields()`), which is how the header is read.
 */
export class CsvScanner {
  /** The text the current row lies in; offsets below index into it. */
  text = '';
  fieldCount = 0;
  line = 0;
  /** Set when the row has a malformed quote; its fields are not to be trusted. */
  fault: string | undefined;
  /** Set when the input stopped being readable (a row past MAX_ROW_CHARS); nothing more is scanned. */
  fatal: string | undefined;

  #slotOf: Int32Array = new Int32Array(0);
  #all = true;
  #starts: number[] = [];
  #ends: number[] = [];
  #escaped: boolean[] = [];
  #pending = '';
  #nextLine = 1;
  /** The next CR at or after the last row scanned (Infinity: none); -1 until the text is searched. */
  #cr = -1;
  readonly #onRow: RowHandler;

  constructor(onRow: RowHandler) {
    this.#onRow = onRow;
  }

  /** From the next row on, keep only these columns: `columns[slot]` is the column read into `slot`. */
  select(columns: readonly number[]): void {
    const width = Math.max(0, ...columns) + 1;
    this.#slotOf = new Int32Array(width).fill(-1);
    columns.forEach((column, slot) => {
      if (column >= 0) this.#slotOf[column] = slot;
    });
    this.#all = false;
    this.#starts = columns.map(() => 0);
    this.#ends = columns.map(() => 0);
    this.#escaped = columns.map(() => false);
  }

  /** True when the slot's column was absent from this row (the row is short) or its cell is empty. */
  isEmpty(slot: number): boolean {
    return this.#ends[slot]! <= this.#starts[slot]!;
  }

  /** Where the slot's cell starts in `text` (its quotes excluded). */
  startOf(slot: number): number {
    return this.#starts[slot]!;
  }

  /** Where the slot's cell ends in `text`. */
  endOf(slot: number): number {
    return this.#ends[slot]!;
  }

  /** Whether the slot's cell holds "" escapes (then only `value` gives its text). */
  isEscaped(slot: number): boolean {
    return this.#escaped[slot]!;
  }

  /** The slot's cell as a string ('' when the row had no such column). */
  value(slot: number): string {
    const start = this.#starts[slot]!;
    const end = this.#ends[slot]!;
    if (end <= start) return '';
    const raw = this.text.slice(start, end);
    return this.#escaped[slot] ? raw.replaceAll('""', '"') : raw;
  }

  /** The slot's cell as it stands in the file, "" escapes kept: a cheaper key than `value` for caches. */
  raw(slot: number): string {
    const start = this.#starts[slot]!;
    const end = this.#ends[slot]!;
    return end <= start ? '' : this.text.slice(start, end);
  }

  /** Whether `raw(slot)` is exactly `expected`, compared in place. */
  rawEquals(slot: number, expected: string): boolean {
    const start = this.#starts[slot]!;
    return this.#ends[slot]! - start === expected.length && (expected.length === 0 || this.text.startsWith(expected, start));
  }

  /** Whether the slot's cell is exactly `expected`, without cutting a string out of the text. */
  equals(slot: number, expected: string): boolean {
    const start = this.#starts[slot]!;
    const end = this.#ends[slot]!;
    if (this.#escaped[slot]) return this.value(slot) === expected;
    return end - start === expected.length && (expected.length === 0 || this.text.startsWith(expected, start));
  }

  /** Every field of the row (only before `select`). */
  fields(): string[] {
    return this.#starts.map((_, slot) => this.value(slot));
  }

  push(chunk: string): void {
    if (this.fatal) return;
    if (!this.#pending) return this.#scan(chunk, false);
    const text = this.#pending + chunk;
    // `+` makes a rope; reading it char by char is several times slower until V8 flattens it,
    // which converting it to a number does once, here.
    Number(text);
    this.#scan(text, false);
  }

  end(): void {
    if (this.fatal) return;
    if (this.#pending) this.#scan(this.#pending, true);
    this.#pending = '';
  }

  #scan(text: string, final: boolean): void {
    this.text = text;
    this.#cr = -1;
    const n = text.length;
    let p = 0;
    while (p < n) {
      const c = text.charCodeAt(p);
      // An empty line is no row (papaparse's skipEmptyLines).
      if (c === LF || c === CR) {
        if (c === CR && p + 1 === n && !final) break;
        p += c === CR && text.charCodeAt(p + 1) === LF ? 2 : 1;
        this.#nextLine++;
        continue;
      }
      const next = this.#row(text, p, final);
      if (next < 0) break;
      p = next;
      this.#onRow(this);
    }
    this.#pending = p < n ? text.slice(p) : '';
    if (this.#pending.length > MAX_ROW_CHARS) {
      this.fatal = `has a row longer than ${MAX_ROW_CHARS / 1024 / 1024} M characters from line ${this.#nextLine} (a quote that never closes?); rows from there were not read`;
      this.#pending = '';
    }
  }

  /** Scans the row at `p`; returns where the next begins, or -1 when the text ends inside it (more is coming). */
  #row(text: string, p: number, final: boolean): number {
    const n = text.length;
    const slotOf = this.#slotOf;
    const slots = slotOf.length;
    const all = this.#all;
    const starts = this.#starts;
    const ends = this.#ends;
    const escaped = this.#escaped;
    let line = this.#nextLine;
    let field = 0;
    let fault: string | undefined;
    if (all) {
      starts.length = 0;
      ends.length = 0;
      escaped.length = 0;
    } else {
      for (let s = 0; s < starts.length; s++) starts[s] = ends[s] = 0;
    }
    let c = 0;
    // The next LF (-1: none in the text); recomputed when a quoted field carried the row past it.
    let lf = text.indexOf('\n', p);
    for (;;) {
      let start = p;
      let end = p;
      let hasEscape = false;
      if (p < n && text.charCodeAt(p) === QUOTE) {
        // Quoted: the field runs to the quote not followed by another quote.
        let q = p + 1;
        for (;;) {
          const j = text.indexOf('"', q);
          if (j === -1 || (j + 1 === n && !final)) {
            if (!final) return -1;
            // A quote that never closes: the rest of the text is this field (as papaparse reads it).
            fault ??= 'has a quote that never closes, so the rest of the file is one cell';
            end = n;
            q = n;
            break;
          }
          if (text.charCodeAt(j + 1) === QUOTE) {
            hasEscape = true;
            q = j + 2;
            continue;
          }
          end = j;
          q = j + 1;
          break;
        }
        for (let k = text.indexOf('\n', p); k !== -1 && k < end; k = text.indexOf('\n', k + 1)) line++;
        start = p + 1;
        p = q;
        if (p < n) {
          c = text.charCodeAt(p);
          if (c !== COMMA && c !== LF && c !== CR) {
            // Text after the closing quote: read on to the field's end, and say the row is broken.
            fault ??= 'has text after a closing quote (a broken quote)';
            while (p < n) {
              c = text.charCodeAt(p);
              if (c === COMMA || c === LF || c === CR) break;
              p++;
            }
            if (p === n && !final) return -1;
          }
        } else if (!final) return -1;
      } else {
        if (lf < p && lf !== -1) lf = text.indexOf('\n', p);
        if (this.#cr < p) {
          const cr = text.indexOf('\r', p);
          this.#cr = cr === -1 ? Infinity : cr;
        }
        if (lf !== -1 && this.#cr >= lf - 1) {
          // No bare CR before this row's LF: find the field's end with indexOf, natively.
          const comma = text.indexOf(',', p);
          if (comma === -1 || comma > lf) {
            end = lf > p && text.charCodeAt(lf - 1) === CR ? lf - 1 : lf;
          } else end = comma;
          p = end;
        } else {
          while (p < n) {
            c = text.charCodeAt(p);
            if (c === COMMA || c === LF || c === CR) break;
            p++;
          }
          if (p === n && !final) return -1;
          end = p;
        }
      }
      if (all) {
        starts.push(start);
        ends.push(end);
        escaped.push(hasEscape);
      } else if (field < slots) {
        const slot = slotOf[field]!;
        if (slot >= 0) {
          starts[slot] = start;
          ends[slot] = end;
          escaped[slot] = hasEscape;
        }
      }
      field++;
      if (p >= n) break;
      c = text.charCodeAt(p);
      if (c === COMMA) {
        p++;
        if (p < n) continue;
        if (!final) return -1;
        // A comma that ends the text ends the row with one more, empty, field.
        if (all) {
          starts.push(p);
          ends.push(p);
          escaped.push(false);
        }
        field++;
        break;
      }
      // A line ending ends the row.
      if (c === CR && p + 1 === n && !final) return -1;
      p += c === CR && text.charCodeAt(p + 1) === LF ? 2 : 1;
      line++;
      break;
    }
    this.fieldCount = field;
    this.line = this.#nextLine;
    this.fault = fault;
    this.#nextLine = line;
    return p;
  }
}
