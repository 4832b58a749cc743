// The personal home in the browser: the "who am I" picker, what the chosen person's teams own
// (their groups from their entity.json, each group's holdings from /api/ownership/, parent groups
// shown apart), and the starred entities. Everything is built with DOM text, never from HTML.
import { checkRef, entityPagePath, readMe, readStars, writeMe, type Me } from './personal-store.ts';

type OwnedRow = [ref: string, name: string, kind: string, type: string, lifecycle: string, errors: number, warnings: number, stale: 0 | 1];
interface Ownership {
  ref: string;
  name: string;
  parents: [string, string][];
  owned: OwnedRow[];
}

const KIND_LABELS: Record<string, string> = { api: 'API' };
const kindLabel = (kind: string) => KIND_LABELS[kind] ?? kind.charAt(0).toUpperCase() + kind.slice(1);

function el<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, className?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  if (className) node.className = className;
  return node;
}

/** Problems first (errors, then warnings), then stale data, then by name. */
export function compareOwned(a: OwnedRow, b: OwnedRow): number {
  return b[5] - a[5] || b[6] - a[6] || b[7] - a[7] || a[1].localeCompare(b[1], 'en');
}

export function enhancePersonalHome() {
  const root = document.querySelector<HTMLElement>('[data-personal]');
  if (!root) return;
  const apiBase = root.dataset.apiBase!;
  const catalogBase = root.dataset.catalogBase!;
  const pick = root.querySelector<HTMLElement>('[data-personal-pick]')!;
  const form = root.querySelector<HTMLFormElement>('[data-pick-form]')!;
  const input = form.querySelector<HTMLInputElement>('input')!;
  const list = form.querySelector<HTMLDataListElement>('datalist')!;
  const pickStatus = form.querySelector<HTMLElement>('[data-pick-status]')!;
  const view = root.querySelector<HTMLElement>('[data-personal-view]')!;
  const status = view.querySelector<HTMLElement>('[data-personal-status]')!;
  const owned = view.querySelector<HTMLUListElement>('[data-owned]')!;
  const parents = view.querySelector<HTMLElement>('[data-parents]')!;

  const getJson = async <T,>(url: string): Promise<T | null> => {
    const response = await fetch(url);
    if (response.status === 404) return null;
    if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
    return (await response.json()) as T;
  };
  const ownershipUrl = (ref: string) => `${apiBase}ownership/${entityPagePath('', ref).replace(/\/$/, '.json')}`;
  const link = (ref: string, name: string) => {
    const a = el('a', name);
    a.href = entityPagePath(catalogBase, ref);
    return a;
  };

  // ── Picking ───────────────────────────────────────────────────────────
  let people: Promise<Map<string, string>> | undefined;
  const loadPeople = () => (people ??= getJson<[string, string][]>(`${apiBase}people.json`).then((rows) => {
    const byLabel = new Map<string, string>();
    for (const [ref, name] of rows ?? []) {
      const label = `${name} (${ref.replace(/^user:default\//, '').replace(/^user:/, '')})`;
      byLabel.set(label, ref);
      list.append(new Option(label));
    }
    return byLabel;
  }));
  input.addEventListener('focus', () => void loadPeople().catch(() => {}));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const byLabel = await loadPeople();
    const typed = input.value.trim();
    let ref = byLabel.get(typed);
    if (!ref && typed) {
      // A unique partial match is enough: typing "ada" when only Ada Lovelace matches.
      const found = [...byLabel].filter(([label]) => label.toLowerCase().includes(typed.toLowerCase()));
      if (found.length === 1) ref = found[0][1];
    }
    if (!ref) {
      pickStatus.textContent = typed ? `No single person matches “${typed}”: pick a name from the list.` : 'Type your name and pick it from the list.';
      return;
    }
    const label = [...byLabel].find(([, r]) => r === ref)![0];
    writeMe({ ref, name: label.replace(/ \([^)]*\)$/, '') });
    input.value = '';
    pickStatus.textContent = '';
    void show();
  });
  view.querySelector('[data-me-change]')!.addEventListener('click', () => {
    writeMe(null);
    void show();
    input.focus();
  });

  // ── What my teams own ─────────────────────────────────────────────────
  async function showMine(me: Me) {
    view.querySelector('[data-me-name]')!.textContent = me.name;
    status.textContent = 'Loading…';
    owned.replaceChildren();
    parents.replaceChildren();
    try {
      const record = await getJson<{ entity?: { relations?: { type: string; targetRef: string }[] } }>(`${entityPagePath(catalogBase, me.ref)}entity.json`);
      if (!record) {
        status.textContent = `${me.name} is no longer in the catalog. Pick yourself again.`;
        return;
      }
      const relations = record.entity?.relations ?? [];
      const groups = relations.filter((r) => r.type === 'memberOf').map((r) => checkRef(r.targetRef)).filter((r): r is string => !!r);
      // Only owners have an ownership file: a person who owns nothing themselves is not asked about.
      const ownsSomething = relations.some((r) => r.type === 'ownerOf');
      const direct = (await Promise.all([...(ownsSomething ? [me.ref] : []), ...groups].map((ref) => getJson<Ownership>(ownershipUrl(ref))))).filter((o): o is Ownership => !!o);
      const rows = new Map<string, { row: OwnedRow; via: string }>();
      for (const o of direct) for (const row of o.owned) if (!rows.has(row[0])) rows.set(row[0], { row, via: o.ref === me.ref ? 'you' : o.name });
      const sorted = [...rows.values()].sort((a, b) => compareOwned(a.row, b.row));
      owned.replaceChildren(...sorted.map(({ row, via }) => ownedItem(row, via)));
      const problems = sorted.filter(({ row }) => row[5] + row[6] > 0).length;
      status.textContent = sorted.length === 0
        ? `Your teams (${direct.filter((o) => o.ref !== me.ref).map((o) => o.name).join(', ') || 'none'}) own nothing in the catalog.`
        : `${sorted.length} owned by ${direct.map((o) => (o.ref === me.ref ? 'you' : o.name)).join(', ')}${problems ? `; ${problems} with problems, listed first` : ''}.`;

      // Parent groups (a department above a team): what they own themselves, folded away.
      const directRefs = new Set(direct.map((o) => o.ref));
      const parentRefs = [...new Set(direct.flatMap((o) => o.parents.map(([ref]) => ref)))].filter((ref) => !directRefs.has(ref) && checkRef(ref));
      const upper = (await Promise.all(parentRefs.map((ref) => getJson<Ownership>(ownershipUrl(ref))))).filter((o): o is Ownership => !!o && o.owned.length > 0);
      parents.replaceChildren(...upper.map((o) => {
        const details = el('details', undefined, 'parents-owned');
        const summary = el('summary', `Owned by ${o.name}, a parent group (${o.owned.length})`);
        const ul = el('ul', undefined, 'owned-list plain-list');
        ul.append(...[...o.owned].sort(compareOwned).map((row) => ownedItem(row, o.name)));
        details.append(summary, ul);
        return details;
      }));
    } catch (error) {
      status.textContent = 'Your teams could not be loaded.';
      console.warn('Backlot: personal home not loaded', error);
    }
  }

  function ownedItem(row: OwnedRow, via: string): HTMLLIElement {
    const [ref, name, kind, type, lifecycle, errors, warnings, stale] = row;
    const li = el('li');
    li.dataset.ref = ref;
    li.append(link(ref, name), el('span', kindLabel(kind), 'badge badge-kind'));
    if (errors) li.append(el('span', `${errors} error${errors === 1 ? '' : 's'}`, 'badge badge-error'));
    if (warnings) li.append(el('span', `${warnings} warning${warnings === 1 ? '' : 's'}`, 'badge badge-warning'));
    if (stale) li.append(el('span', 'stale', 'badge'));
    const facts = [type, lifecycle].filter(Boolean).join(' · ');
    if (facts) li.append(el('span', facts, 'muted'));
    li.append(el('span', via === 'you' ? 'owned by you' : `via ${via}`, 'muted via'));
    return li;
  }

  function showStars() {
    const stars = readStars();
    const wrap = root!.querySelector<HTMLElement>('[data-starred-wrap]')!;
    wrap.hidden = stars.length === 0;
    root!.querySelector('[data-starred]')!.replaceChildren(...stars.map((s) => {
      const li = el('li', undefined, 'card');
      li.dataset.ref = s.ref;
      li.append(link(s.ref, s.name), document.createTextNode(' '), el('span', kindLabel(s.kind), 'badge badge-kind'));
      return li;
    }));
  }

  async function show() {
    const me = readMe();
    pick.hidden = !!me;
    view.hidden = !me;
    if (me) await showMine(me);
  }
  showStars();
  void show();
}
