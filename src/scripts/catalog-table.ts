// The catalog's filters, sort, paging and column choice in the browser. The page arrives with the
// first rows of the default kind; the compact index (/api/catalog-index/) is fetched only when a
// view needs it (a filter, a sort, another kind or page), one shard per kind, so the first view
// stays small at any catalog size. The view lives in the URL query: shareable, survives a reload.
import {
  ALL_KINDS, CATALOG_COLUMNS, FACET_KEYS, FILTER_KEYS, HIDDEN_KINDS, compareRows, decodeShard, facetCounts, matchesFilters, readView, writeView,
  type CatalogColumn, type CatalogView, type Filters, type IndexMeta, type IndexShard, type ShardRow, type SortColumn,
} from './catalog-filter.ts';

const KIND_LABELS: Record<string, string> = { api: 'API' };
const kindLabel = (kind: string) => KIND_LABELS[kind] ?? kind.charAt(0).toUpperCase() + kind.slice(1);
const plural = (n: number, kind: string) => `${n.toLocaleString('en-US')} ${kind === ALL_KINDS ? 'entities' : `${kindLabel(kind)}s`.toLowerCase().replace(/^api/, 'API')}`;

export function enhanceCatalogTable() {
  const form = document.querySelector<HTMLFormElement>('[data-catalog-filters]');
  const table = document.querySelector<HTMLTableElement>('[data-catalog-table]');
  const count = document.querySelector<HTMLElement>('[data-testid="catalog-count"]');
  const pager = document.querySelector<HTMLElement>('[data-catalog-pager]');
  const tabs = document.querySelector<HTMLElement>('[data-kind-tabs]');
  if (!form || !table || !count || !pager) return;
  const tbody = table.tBodies[0];
  const indexBase = form.dataset.indexBase!;
  const entityBase = indexBase.replace(/api\/catalog-index\/$/, 'catalog/');
  const defaultKind = form.dataset.defaultKind!;
  const pageSize = Number(form.dataset.pageSize) || 100;
  const serverRows = tbody.innerHTML;
  let view: CatalogView = readView(location.search);

  const field = (key: string) => form.elements.namedItem(key) as HTMLInputElement | HTMLSelectElement | null;
  const kindOf = (v: CatalogView) => v.filters.kind ?? defaultKind;
  const kindsOf = (kind: string, meta: IndexMeta | undefined): string[] =>
    kind === ALL_KINDS ? (meta?.kinds ?? []).map(([k]) => k).filter((k) => !HIDDEN_KINDS.includes(k)) : [kind];
  const needsIndex = (v: CatalogView) => kindOf(v) !== defaultKind || v.sort !== undefined || v.page > 1 || FILTER_KEYS.some((k) => k !== 'kind' && v.filters[k]);

  // ── The index, fetched on demand and kept ────────────────────────────
  let meta: Promise<IndexMeta> | undefined;
  const shards = new Map<string, Promise<ShardRow[]>>();
  const fetchJson = async <T,>(url: string): Promise<T> => {
    const response = await fetch(url);
    if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
    return (await response.json()) as T;
  };
  const loadMeta = () => (meta ??= fetchJson<IndexMeta>(indexBase.replace(/\/$/, '.json')).then((m) => (fillOptions(m), m)));
  const loadShard = (kind: string) => {
    let shard = shards.get(kind);
    if (!shard) shards.set(kind, (shard = fetchJson<IndexShard>(`${indexBase}${encodeURIComponent(kind)}.json`).then((s) => decodeShard(s, kindLabel(kind)))));
    return shard;
  };

  /** Owner and tag options come from the index; a value from a shared URL is kept even before. */
  function fillOptions(m: IndexMeta) {
    const owner = field('owner') as HTMLSelectElement;
    const tag = field('tag') as HTMLSelectElement;
    const fill = (select: HTMLSelectElement, values: [string, string][]) => {
      const current = select.value;
      select.replaceChildren(select.options[0], ...values.map(([value, label]) => new Option(label, value)));
      if (current && !values.some(([v]) => v === current)) select.add(new Option(current, current));
      select.value = current;
    };
    fill(owner, m.owners);
    fill(tag, m.tag.map((t) => [t, t]));
  }

  // ── The form shows the view ──────────────────────────────────────────
  function showView() {
    for (const key of FILTER_KEYS) {
      const input = field(key);
      if (!input) continue;
      const value = key === 'kind' ? kindOf(view) : (view.filters[key] ?? '');
      if (input instanceof HTMLSelectElement && value && ![...input.options].some((o) => o.value === value)) input.add(new Option(value, value));
      input.value = value;
    }
    for (const box of form!.querySelectorAll<HTMLInputElement>('input[name="col"]')) box.checked = view.columns.includes(box.value as CatalogColumn);
    CATALOG_COLUMNS.forEach((c, i) => table!.classList.toggle(`hide-${i + 1}`, !view.columns.includes(c)));
    for (const link of tabs?.querySelectorAll<HTMLAnchorElement>('a[data-kind]') ?? []) {
      if (link.dataset.kind === kindOf(view)) link.setAttribute('aria-current', 'page');
      else link.removeAttribute('aria-current');
    }
    for (const th of table!.tHead!.rows[0].cells) {
      if (th.dataset.column === view.sort) th.setAttribute('aria-sort', view.descending ? 'descending' : 'ascending');
      else th.removeAttribute('aria-sort');
    }
  }

  function cell(tr: HTMLTableRowElement, text: string, href?: string) {
    const td = tr.insertCell();
    if (href) {
      const a = document.createElement('a');
      a.href = href;
      a.textContent = text;
      td.append(a);
    } else td.textContent = text;
    return td;
  }
  const pagePath = (ref: string) => {
    const [kind, rest] = [ref.slice(0, ref.indexOf(':')), ref.slice(ref.indexOf(':') + 1)];
    const [namespace, name] = [rest.slice(0, rest.indexOf('/')), rest.slice(rest.indexOf('/') + 1)];
    return `${entityBase}${[namespace, kind, name].map((p) => encodeURIComponent(p.toLowerCase())).join('/')}/`;
  };
  function renderRow(row: ShardRow): HTMLTableRowElement {
    const tr = document.createElement('tr');
    cell(tr, row.name, pagePath(row.ref));
    cell(tr, row.kind);
    cell(tr, row.type);
    cell(tr, row.ownerName ?? '', row.ownerHasPage ? pagePath(row.owner) : undefined).dataset.owner = row.owner;
    cell(tr, row.lifecycle);
    cell(tr, row.system, row.systemHasPage ? pagePath(row.systemRef) : undefined);
    cell(tr, row.tags.join(', '));
    cell(tr, row.description);
    return tr;
  }

  /** Counts per facet value under the other filters; options that leave nothing are disabled. */
  function showCounts(rows: ShardRow[], filters: Filters) {
    const counts = facetCounts(rows, { ...filters, kind: undefined });
    for (const key of FACET_KEYS) {
      if (key === 'kind') continue;
      const select = field(key);
      if (!(select instanceof HTMLSelectElement)) continue;
      for (const option of select.options) {
        if (!option.value) continue;
        option.dataset.label ??= option.textContent ?? option.value;
        const n = counts[key].get(option.value) ?? 0;
        option.textContent = `${option.dataset.label} (${n.toLocaleString('en-US')})`;
        option.disabled = n === 0 && option.value !== select.value;
      }
    }
  }

  let generation = 0;
  async function apply(updateUrl: boolean) {
    const mine = ++generation;
    showView();
    if (updateUrl) history.replaceState(history.state, '', `${location.pathname}${writeView(view)}${location.hash}`);
    const kind = kindOf(view);
    if (!needsIndex(view)) {
      // The page's own rows are this view: no fetch at all.
      if (tbody.dataset.view) {
        tbody.innerHTML = serverRows;
        delete tbody.dataset.view;
      }
      pager!.hidden = true;
      const total = Number(tabs?.querySelector<HTMLElement>(`a[data-kind="${CSS.escape(kind)}"] .count`)?.textContent?.replace(/\D/g, '') ?? tbody.rows.length);
      count!.textContent = `${plural(total, kind)}${total > tbody.rows.length ? `, page 1 of ${Math.ceil(total / pageSize)}` : ''}`;
      if (total > tbody.rows.length) showPager(1, Math.ceil(total / pageSize));
      return;
    }
    count!.textContent = 'Loading the catalog index…';
    table!.setAttribute('aria-busy', 'true');
    let rows: ShardRow[];
    try {
      const m = kind === ALL_KINDS ? await loadMeta() : undefined;
      rows = (await Promise.all(kindsOf(kind, m).map(loadShard))).flat();
      void loadMeta();
    } catch (error) {
      if (mine === generation) count!.textContent = 'The catalog index could not be loaded; the static list below still works.';
      table!.removeAttribute('aria-busy');
      console.warn('Backlot: catalog index not loaded', error);
      return;
    }
    if (mine !== generation) return; // a newer view superseded this one
    table!.removeAttribute('aria-busy');
    const filters = { ...view.filters, kind: undefined };
    const matching = rows.filter((r) => matchesFilters(r, filters));
    if (view.sort) {
      const column: SortColumn = view.sort;
      matching.sort((a, b) => compareRows(a, b, column, view.descending));
    }
    const pages = Math.max(1, Math.ceil(matching.length / pageSize));
    const page = Math.min(view.page, pages);
    tbody.replaceChildren(...matching.slice((page - 1) * pageSize, page * pageSize).map(renderRow));
    tbody.dataset.view = 'index';
    showCounts(rows, view.filters);
    const all = matching.length === rows.length;
    count!.textContent = `${all ? plural(rows.length, kind) : `${matching.length.toLocaleString('en-US')} of ${plural(rows.length, kind)}`}${pages > 1 ? `, page ${page} of ${pages}` : ''}`;
    showPager(page, pages);
  }

  function showPager(page: number, pages: number) {
    pager!.hidden = pages <= 1;
    pager!.querySelector<HTMLElement>('[data-page-status]')!.textContent = `Page ${page} of ${pages}`;
    pager!.querySelector<HTMLButtonElement>('[data-page-step="-1"]')!.disabled = page <= 1;
    pager!.querySelector<HTMLButtonElement>('[data-page-step="1"]')!.disabled = page >= pages;
  }

  function readForm(): Filters {
    const next: Filters = {};
    for (const key of FILTER_KEYS) {
      const value = field(key)?.value.trim();
      if (value && !(key === 'kind' && value === defaultKind)) next[key] = value;
    }
    return next;
  }

  let timer: ReturnType<typeof setTimeout> | undefined;
  form.addEventListener('input', (event) => {
    const target = event.target as HTMLInputElement;
    if (target.name === 'col') {
      const columns = [...form.querySelectorAll<HTMLInputElement>('input[name="col"]')].filter((b) => b.checked || b.value === 'name').map((b) => b.value as CatalogColumn);
      view = { ...view, columns };
      void apply(true);
      return;
    }
    clearTimeout(timer);
    timer = setTimeout(() => {
      view = { ...view, filters: readForm(), page: 1 };
      void apply(true);
    }, target.type === 'search' ? 150 : 0);
  });
  // Focus on the form means filters are coming: fetch the facets and the current kind's rows now.
  form.addEventListener('focusin', () => {
    void loadMeta().catch(() => {});
    if (kindOf(view) !== ALL_KINDS) void loadShard(kindOf(view)).catch(() => {});
  }, { once: true });
  form.addEventListener('submit', (event) => event.preventDefault());
  form.addEventListener('reset', () => setTimeout(() => {
    view = { filters: {}, descending: false, page: 1, columns: view.columns };
    void apply(true);
  }));
  tabs?.addEventListener('click', (event) => {
    const link = (event.target as HTMLElement).closest<HTMLAnchorElement>('a[data-kind]');
    if (!link || event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) return;
    event.preventDefault();
    const kind = link.dataset.kind!;
    view = { ...view, filters: { ...view.filters, kind: kind === defaultKind ? undefined : kind }, page: 1 };
    void apply(true);
  });
  pager.addEventListener('click', (event) => {
    const button = (event.target as HTMLElement).closest<HTMLButtonElement>('button[data-page-step]');
    if (!button) return;
    view = { ...view, page: Math.max(1, view.page + Number(button.dataset.pageStep)) };
    void apply(true).then(() => table!.scrollIntoView({ block: 'start' }));
  });
  table.tHead?.addEventListener('click', (event) => {
    const button = (event.target as HTMLElement).closest<HTMLButtonElement>('button[data-sort]');
    if (!button) return;
    const column = button.dataset.sort as SortColumn;
    view = { ...view, sort: column, descending: view.sort === column ? !view.descending : false, page: 1 };
    void apply(true);
  });
  // The owner and tag lists are small: fetch them when the browser is idle, not on the first view.
  const idle = (window as { requestIdleCallback?: (cb: () => void) => void }).requestIdleCallback ?? ((cb: () => void) => setTimeout(cb, 500));
  idle(() => void loadMeta().catch(() => {}));
  void apply(false);
}
