// Text formatting shared by pages: deterministic (no locale, no clock), so the same content
// always renders the same bytes.

/** `2026-11-25T22:00:00.000Z` → `2026-11-25 22:00 UTC`; anything unparseable is returned as is. */
export function formatTime(iso: string | undefined): string {
  if (!iso) return 'never';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

const KIND_LABELS: Record<string, string> = { api: 'API' };

/** A kind as people write it: `api` → `API`, `component` → `Component`. */
export function kindLabel(kind: string): string {
  const lower = kind.toLowerCase();
  return KIND_LABELS[lower] ?? lower.charAt(0).toUpperCase() + lower.slice(1);
}

/** Plural heading for a kind: `API` → `APIs`, `Component` → `Components`. */
export function kindPlural(kind: string): string {
  return `${kindLabel(kind)}s`;
}

/** Cuts `text` to at most `max` characters on a word boundary, with an ellipsis. */
export function truncate(text: string | undefined, max: number): string {
  if (!text) return '';
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/** `1 member`, `3 members`: a count with its noun. */
export function plural(count: number, noun: string): string {
  return `${count.toLocaleString('en-US')} ${noun}${count === 1 ? '' : 's'}`;
}
