// The search page's UI over Pagefind's JS API: reads `?q=` and facet values from the URL, searches
// as you type, keeps the URL in step, and shows each result's kind, owner and description.

import { loadPagefind, type FilterCounts, type SiteSearch } from './pagefind-client.ts';
import { excerptNodes } from './search-excerpt.ts';
import { searchEntries, type SearchEntry } from './search-entries.ts';

/**
 * Shows how many results each facet value would give, and dims values that give none. Pagefind
 * counts its pages: entities, unless several share a page (a large catalog), when only the
 * values that give none are told (dimmed), not a count that would be of pages.
 */
function showFacetCounts(selects: HTMLSelectElement[], counts: FilterCounts | undefined, countsAreEntities: boolean) {
  for (const select of selects) {
    const facet = counts?.[select.name];
    for (const option of select.options) {
      if (!option.value) continue;
      option.dataset.label ??= option.textContent ?? option.value;
      const count = facet ? (facet[option.value] ?? 0) : undefined;
      option.textContent = count === undefined || !countsAreEntities ? option.dataset.label : `${option.dataset.label} (${count})`;
      option.disabled = count === 0 && option.value !== select.value;
    }
  }
}

const PAGE_SIZE = 30;

export function enhanceSearch() {
  const form = document.querySelector<HTMLFormElement>('[data-search-form]');
  const list = document.querySelector<HTMLOListElement>('[data-search-results]');
  const status = document.querySelector<HTMLElement>('[data-search-status]');
  if (!form || !list || !status) return;
  const input = form.elements.namedItem('q') as HTMLInputElement;
  const facets = [...form.querySelectorAll<HTMLSelectElement>('select[data-facet]')];
  const params = new URLSearchParams(location.search);
  input.value = params.get('q') ?? '';
  for (const select of facets) select.value = params.get(select.name) ?? '';

  let pagefind: Promise<SiteSearch> | undefined;
  const load = () => {
    pagefind ??= loadPagefind(form.dataset.pagefindBase!, form.dataset.base ?? '/');
    return pagefind;
  };

  // Facet counts need every facet's index, in every index part: at 100,000 entities 995 kB (40
  // files) of a first query's 2.2 MB. They are loaded when a person turns to the facets (or
  // arrives with one set), not for every query; until then the options show no counts and all
  // stay choosable.
  let counts: Promise<void> | undefined;
  let countsReady = false;
  const wantCounts = () => {
    counts ??= load()
      .then(({ pagefind }) => pagefind.filters())
      .then(() => {
        countsReady = true;
        return run();
      }, () => undefined);
    return counts;
  };
  for (const type of ['focusin', 'pointerdown']) {
    form.addEventListener(type, (event) => {
      if (facets.includes(event.target as HTMLSelectElement)) void wantCounts();
    });
  }
  if (facets.some((select) => select.value)) void wantCounts();

  let generation = 0;
  async function run() {
    const mine = ++generation;
    const query = input.value.trim();
    const filters: Record<string, string> = {};
    for (const select of facets) if (select.value) filters[select.name] = select.value;
    const next = new URLSearchParams();
    if (query) next.set('q', query);
    for (const [key, value] of Object.entries(filters)) next.set(key, value);
    const search = next.toString();
    history.replaceState(history.state, '', `${location.pathname}${search ? `?${search}` : ''}`);
    if (!query && Object.keys(filters).length === 0) {
      showFacetCounts(facets, undefined, true);
      list!.replaceChildren();
      status!.textContent = 'Type to search services, APIs, teams and people.';
      return;
    }
    status!.textContent = 'Searching…';
    let found;
    let site: SiteSearch;
    try {
      site = await load();
      found = await site.pagefind.search(query || null, { filters });
    } catch (error) {
      status!.textContent = 'The search index is not available. Build the portal with `backlot build`.';
      console.warn('Backlot: search index not loaded', error);
      return;
    }
    if (mine !== generation || !found) return; // a newer search superseded this one
    showFacetCounts(facets, countsReady ? found.filters : undefined, site.groupSize === 1);
    const { entries, complete } = await searchEntries(found.results, filters, PAGE_SIZE, form!.dataset.base ?? '/', site.groupSize);
    if (mine !== generation) return;
    list!.replaceChildren(...entries.map(renderResult));
    status!.textContent = resultStatus(entries.length, complete, site.groupSize === 1 ? found.results.length : undefined, query);
  }

  let timer: ReturnType<typeof setTimeout> | undefined;
  form.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(run, 150);
  });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    run();
  });
  run();
}

/**
 * `exactTotal`: the number of results when each is one entry (no shared pages); otherwise the
 * total is known only once every result was read.
 */
export function resultStatus(shown: number, complete: boolean, exactTotal: number | undefined, query: string): string {
  const total = exactTotal ?? (complete ? shown : undefined);
  if (total === 0 || (total === undefined && shown === 0)) return `No results${query ? ` for “${query}”` : ''}.`;
  if (total === undefined) return `More than ${shown} results, showing the first ${shown}.`;
  return `${total} result${total === 1 ? '' : 's'}${total > shown ? `, showing the first ${shown}` : ''}.`;
}

function renderResult(result: SearchEntry): HTMLLIElement {
  const item = document.createElement('li');
  item.dataset.testid = 'search-result';
  const link = document.createElement('a');
  link.href = result.url;
  link.textContent = result.title;
  const meta = document.createElement('div');
  meta.className = 'meta';
  if (result.kind) {
    const kind = document.createElement('span');
    kind.className = 'badge badge-kind';
    kind.textContent = result.kind;
    meta.append(kind);
  }
  if (result.owner) {
    // The owner is a link whenever the owner has a page of its own.
    const owner = document.createElement('span');
    owner.append('Owner: ');
    if (result.ownerUrl) {
      const ownerLink = document.createElement('a');
      ownerLink.href = result.ownerUrl;
      ownerLink.textContent = result.owner;
      owner.append(ownerLink);
    } else owner.append(result.owner);
    meta.append(owner);
  }
  // The excerpt around the matched words, highlighted; the description when no word matched in the text.
  const text = document.createElement('p');
  text.className = 'excerpt';
  if (result.excerpt.includes('<mark>') || !result.description) text.append(...excerptNodes(result.excerpt));
  else text.textContent = result.description;
  item.append(link, meta, text);
  return item;
}
