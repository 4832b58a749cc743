// Anchors let readers link to one operation or type. They must be stable across builds (derived
// from the definition, never from counters over unrelated data) and unique within a page.

/** `GET /pets/{petId}` → `get-pets-petid`; keeps letters, digits, `-` and `_`. */
export function slugify(text: string): string {
  const slug = text
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9_-]+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^-|-$/g, '');
  return slug || 'x';
}

/** Hands out anchors with a prefix, adding `-2`, `-3` … when two things slug the same. */
export function createAnchorRegistry(): (prefix: string, text: string) => string {
  const used = new Set<string>();
  return (prefix, text) => {
    const base = `${prefix}-${slugify(text)}`;
    let id = base;
    for (let n = 2; used.has(id); n++) id = `${base}-${n}`;
    used.add(id);
    return id;
  };
}
