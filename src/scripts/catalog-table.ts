// Filters and sorts the catalog table in the browser; the view lives in the URL query so it can
// be shared and survives a reload. Rows are read once; each change only toggles `hidden`.
import { FACET_KEYS, FILTER_KEYS, compareRows, facetCounts, matchesFilters, readQuery, writeQuery, type CatalogRow, type Filters, type SortColumn } from './catalog-filter.ts';

export function enhanceCatalogTable() {
  const form = document.querySelector<HTMLFormElement>('[data-catalog-filters]');
  const table = document.querySelector<HTMLTableElement>('[data-catalog-table]');
  const count = document.querySelector<HTMLElement>('[data-testid="catalog-count"]');
  if (!form || !table) return;
  const tbody = table.tBodies[0];
  const rows = [...tbody.rows].map((tr) => {
    const cell = (i: number) => tr.cells[i]?.textContent?.trim() ?? '';
    const data: CatalogRow = {
      name: cell(0), kind: cell(1), type: cell(2), owner: tr.cells[3]?.dataset.owner ?? '', lifecycle: cell(4),
      system: cell(5), tags: cell(6) ? cell(6).split(', ') : [], description: cell(7),
    };
    return { tr, data, ownerName: cell(3) };
  });
  const total = rows.length;
  let { filters, sort, descending } = readQuery(location.search);

  const field = (key: string) => form.elements.namedItem(key) as HTMLInputElement | HTMLSelectElement | null;
  for (const key of FILTER_KEYS) {
    const input = field(key);
    if (!input) continue;
    // A value from a shared URL that is not an option (yet) is added, so the view still applies.
    if (input instanceof HTMLSelectElement && filters[key] && ![...input.options].some((o) => o.value === filters[key])) {
      input.add(new Option(filters[key]!, filters[key]!));
    }
    input.value = filters[key] ?? '';
  }

  function apply(updateUrl: boolean) {
    let shown = 0;
    for (const { tr, data } of rows) {
      const visible = matchesFilters(data, filters);
      tr.hidden = !visible;
      if (visible) shown++;
    }
    if (sort) {
      const column = sort;
      const sorted = [...rows].sort((a, b) => compareRows(column === 'owner' ? { ...a.data, owner: a.ownerName } : a.data, column === 'owner' ? { ...b.data, owner: b.ownerName } : b.data, column, descending));
      tbody.append(...sorted.map((r) => r.tr));
    }
    for (const th of table!.tHead!.rows[0].cells) {
      const column = th.dataset.column;
      if (column === sort) th.setAttribute('aria-sort', descending ? 'descending' : 'ascending');
      else th.removeAttribute('aria-sort');
    }
    // Each option says how many rows it would leave; options that leave none are disabled.
    const counts = facetCounts(rows.map((r) => r.data), filters);
    for (const key of FACET_KEYS) {
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
    if (count) count.textContent = shown === total ? `${total.toLocaleString('en-US')} entities` : `${shown.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} entities`;
    if (updateUrl) history.replaceState(history.state, '', `${location.pathname}${writeQuery(filters, sort, descending)}${location.hash}`);
  }

  function readForm(): Filters {
    const next: Filters = {};
    for (const key of FILTER_KEYS) {
      const value = field(key)?.value.trim();
      if (value) next[key] = value;
    }
    return next;
  }

  let timer: ReturnType<typeof setTimeout> | undefined;
  form.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      filters = readForm();
      apply(true);
    }, 80);
  });
  form.addEventListener('submit', (event) => event.preventDefault());
  form.addEventListener('reset', () => setTimeout(() => {
    filters = {};
    apply(true);
  }));
  table.tHead?.addEventListener('click', (event) => {
    const button = (event.target as HTMLElement).closest<HTMLButtonElement>('button[data-sort]');
    if (!button) return;
    const column = button.dataset.sort as SortColumn;
    descending = sort === column ? !descending : false;
    sort = column;
    apply(true);
  });
  apply(false);
}
