// What a person chose in this browser, kept in localStorage: who they are (a User entity) and the
// entities they starred. Values read back are checked, never trusted: a hand-edited store cannot
// make a link other than to an entity page.

export interface Me {
  ref: string;
  name: string;
}
export interface Star {
  ref: string;
  name: string;
  kind: string;
}

export const ME_KEY = 'backlot-me';
export const STARS_KEY = 'backlot-stars';
const REF = /^[a-z0-9][\w.-]*:[^/\s]+\/[^\s]+$/i;

/** A full entity ref `kind:namespace/name`, or null. */
export function checkRef(value: unknown): string | null {
  return typeof value === 'string' && value.length < 400 && REF.test(value) ? value : null;
}

/** The path of an entity's page under `catalogBase` (`/…/catalog/`), as the portal builds it. */
export function entityPagePath(catalogBase: string, ref: string): string {
  const colon = ref.indexOf(':');
  const slash = ref.indexOf('/', colon);
  const parts = [ref.slice(colon + 1, slash), ref.slice(0, colon), ref.slice(slash + 1)];
  return `${catalogBase}${parts.map((p) => encodeURIComponent(p.toLowerCase())).join('/')}/`;
}

function read(key: string): unknown {
  try {
    return JSON.parse(localStorage.getItem(key) ?? 'null');
  } catch {
    return null;
  }
}
function write(key: string, value: unknown) {
  try {
    if (value === null) localStorage.removeItem(key);
    else localStorage.setItem(key, JSON.stringify(value));
  } catch {
    // Private mode or a full store: the choice lasts for this page only.
  }
}
const text = (value: unknown, max = 200) => (typeof value === 'string' ? value.slice(0, max) : '');

export function readMe(): Me | null {
  const value = read(ME_KEY) as Partial<Me> | null;
  const ref = checkRef(value?.ref);
  return ref ? { ref, name: text(value?.name) || ref } : null;
}
export function writeMe(me: Me | null) {
  write(ME_KEY, me);
}

export function readStars(): Star[] {
  const value = read(STARS_KEY);
  if (!Array.isArray(value)) return [];
  return value.flatMap((s: Partial<Star>) => {
    const ref = checkRef(s?.ref);
    return ref ? [{ ref, name: text(s.name) || ref, kind: text(s.kind, 40) }] : [];
  });
}
/** Stars or unstars an entity; returns whether it is starred now. */
export function toggleStar(star: Star): boolean {
  const stars = readStars();
  const at = stars.findIndex((s) => s.ref === star.ref);
  if (at >= 0) stars.splice(at, 1);
  else stars.push(star);
  write(STARS_KEY, stars);
  return at < 0;
}
