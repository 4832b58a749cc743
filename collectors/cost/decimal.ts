// Exact money: cost exports give decimal strings (`0.00000080000`, `9.984E-7`); summing them as
// binary floats drifts, so amounts are scaled BigInts that keep every digit the file had.

/** An exact decimal: `units / 10^scale`. */
export interface Decimal {
  units: bigint;
  scale: number;
}

export const ZERO: Decimal = { units: 0n, scale: 0 };

const DECIMAL_PATTERN = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;

/** Parses a plain or exponent decimal string; undefined when it is not a number (`NULL`, ``, `abc`). */
export function parseDecimal(text: string): Decimal | undefined {
  const match = DECIMAL_PATTERN.exec(text.trim());
  if (!match) return undefined;
  const [, sign, whole = '', fraction = '', exponent] = match;
  if (whole === '' && fraction === '') return undefined;
  let scale = fraction.length - (exponent ? Number(exponent) : 0);
  if (!Number.isSafeInteger(scale) || Math.abs(scale) > 1000) return undefined;
  let units = BigInt((whole || '0') + fraction);
  if (scale < 0) {
    units *= 10n ** BigInt(-scale);
    scale = 0;
  }
  return { units: sign === '-' ? -units : units, scale };
}

/** a + b, exact: the result takes the larger scale. */
export function addDecimal(a: Decimal, b: Decimal): Decimal {
  if (a.scale === b.scale) return { units: a.units + b.units, scale: a.scale };
  if (a.scale > b.scale) return { units: a.units + b.units * 10n ** BigInt(a.scale - b.scale), scale: a.scale };
  return { units: a.units * 10n ** BigInt(b.scale - a.scale) + b.units, scale: b.scale };
}

export function subtractDecimal(a: Decimal, b: Decimal): Decimal {
  return addDecimal(a, { units: -b.units, scale: b.scale });
}

export function compareDecimal(a: Decimal, b: Decimal): number {
  const difference = subtractDecimal(a, b).units;
  return difference === 0n ? 0 : difference > 0n ? 1 : -1;
}

/** The full exact value as a plain decimal string, trailing zeros trimmed (`0.0000009984`). */
export function formatDecimal(value: Decimal): string {
  const negative = value.units < 0n;
  let digits = (negative ? -value.units : value.units).toString();
  if (value.scale === 0) return (negative ? '-' : '') + digits;
  digits = digits.padStart(value.scale + 1, '0');
  const whole = digits.slice(0, digits.length - value.scale);
  const fraction = digits.slice(digits.length - value.scale).replace(/0+$/, '');
  const text = fraction ? `${whole}.${fraction}` : whole;
  return negative && text !== '0' ? `-${text}` : text;
}

/** Rounded to `places` decimals, half away from zero (how invoices round), e.g. `12.35`. */
export function roundDecimal(value: Decimal, places = 2): string {
  let units = value.units;
  if (value.scale > places) {
    const divisor = 10n ** BigInt(value.scale - places);
    const negative = units < 0n;
    const magnitude = negative ? -units : units;
    let rounded = magnitude / divisor;
    if ((magnitude % divisor) * 2n >= divisor) rounded += 1n;
    units = negative ? -rounded : rounded;
  } else {
    units *= 10n ** BigInt(places - value.scale);
  }
  const negative = units < 0n;
  const digits = (negative ? -units : units).toString().padStart(places + 1, '0');
  const text = places === 0 ? digits : `${digits.slice(0, -places)}.${digits.slice(-places)}`;
  return negative && /[1-9]/.test(text) ? `-${text}` : text;
}

/** For charts and ratios only (never for totals): the nearest float. */
export function decimalToNumber(value: Decimal): number {
  return Number(formatDecimal(value));
}

const CHAR_0 = 48;
const CHAR_DOT = 46;
/** Integers below this add up exactly in a double; past it the sum moves to BigInt. */
const SAFE = 2 ** 52;

/**
 * Reads cost cells without allocating, for the hot loop over millions of rows: a plain decimal of
 * at most 15 digits (`439.7826113916`) becomes an exact integer in a double; anything else (an
 * exponent, more digits) goes through `parseDecimal` into a BigInt.
 */
export class DecimalReader {
  /** Set when the last read was small: the value is `small / 10^scale`, exactly. */
  isSmall = true;
  small = 0;
  big: Decimal = ZERO;
  scale = 0;

  /** False when `text` (or its part from `from` to `to`, so a cell need not be cut out) is not a number. */
  read(text: string, from = 0, to = text.length): boolean {
    const length = to;
    let i = from;
    let negative = false;
    const first = length > from ? text.charCodeAt(from) : 0;
    if (first === 45 || first === 43) {
      negative = first === 45;
      i = from + 1;
    }
    let value = 0;
    let digits = 0;
    let dot = -1;
    for (; i < length; i++) {
      const c = text.charCodeAt(i) - CHAR_0;
      if (c >= 0 && c <= 9) {
        value = value * 10 + c;
        if (value > 0 || digits > 0) digits++;
      } else if (c === CHAR_DOT - CHAR_0 && dot === -1) dot = i;
      else break;
    }
    if (i === length && digits <= 15 && length - from > (dot === -1 ? 0 : 1) + (first === 45 || first === 43 ? 1 : 0)) {
      this.isSmall = true;
      this.small = negative ? -value : value;
      this.scale = dot === -1 ? 0 : length - dot - 1;
      return true;
    }
    const parsed = parseDecimal(from === 0 && to === text.length ? text : text.slice(from, to));
    if (!parsed) return false;
    this.isSmall = false;
    this.big = parsed;
    this.scale = parsed.scale;
    return true;
  }

  /** The last value read, as a Decimal (allocates: for tests and rare paths). */
  get value(): Decimal {
    return this.isSmall ? { units: BigInt(this.small), scale: this.scale } : this.big;
  }
}

/** Sums many decimals; the running total keeps the largest scale seen. */
export class DecimalSum {
  #units = 0n;
  #scale = 0;
  /** The part still held in a double, at #scale: exact while below 2^52. */
  #small = 0;

  add(value: Decimal): void {
    this.#align(value.scale);
    this.#units += value.scale === this.#scale ? value.units : value.units * 10n ** BigInt(this.#scale - value.scale);
  }

  /** Adds the reader's last value without allocating when it is small and of this scale. */
  addRead(reader: DecimalReader): void {
    if (!reader.isSmall) return this.add(reader.big);
    if (reader.scale !== this.#scale) {
      this.#align(reader.scale);
      if (reader.scale !== this.#scale) return this.add(reader.value);
    }
    this.#small += reader.small;
    if (this.#small > SAFE || this.#small < -SAFE) {
      this.#units += BigInt(this.#small);
      this.#small = 0;
    }
  }

  #align(scale: number): void {
    if (scale <= this.#scale) return;
    this.#units = (this.#units + BigInt(this.#small)) * 10n ** BigInt(scale - this.#scale);
    this.#small = 0;
    this.#scale = scale;
  }

  get value(): Decimal {
    return { units: this.#units + BigInt(this.#small), scale: this.#scale };
  }
}
