// The search page's UI over Pagefind's JS API: reads `?q=` and facet values from the URL, searches
// as you type, keeps the URL in step, and shows each result's kind, owner and description.

import { loadPagefind, type FilterCounts, type Pagefind, type PagefindResultData } from './pagefind-client.ts';
import { excerptNodes } from './search-excerpt.ts';

/** Shows how many results each facet value would give, and dims values that give none. */
function showFacetCounts(selects: HTMLSelectElement[], counts: FilterCounts | undefined) {
  for (const select of selects) {
    const facet = counts?.[select.name];
    for (const option of select.options) {
      if (!option.value) continue;
      option.dataset.label ??= option.textContent ?? option.value;
      const count = facet ? (facet[option.value] ?? 0) : undefined;
      option.textContent = count === undefined ? option.dataset.label : `${option.dataset.label} (${count})`;
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

  let pagefind: Promise<Pagefind> | undefined;
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
      .then((module) => module.filters())
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
      showFacetCounts(facets, undefined);
      list!.replaceChildren();
      status!.textContent = 'Type to search services, APIs, teams and people.';
      return;
    }
    status!.textContent = 'Searching…';
    let found;
    try {
      found = await (await load()).search(query || null, { filters });
    } catch (error) {
      status!.textContent = 'The search index is not available. Build the portal with `backlot build`.';
      console.warn('Backlot: search index not loaded', error);
      return;
    }
    if (mine !== generation || !found) return; // a newer search superseded this one
    showFacetCounts(facets, countsReady ? found.filters : undefined);
    const data = await Promise.all(found.results.slice(0, PAGE_SIZE).map((r) => r.data()));
    if (mine !== generation) return;
    list!.replaceChildren(...data.map(renderResult));
    const total = found.results.length;
    status!.textContent = total === 0 ? `No results${query ? ` for “${query}”` : ''}.` : `${total} result${total === 1 ? '' : 's'}${total > PAGE_SIZE ? `, showing the first ${PAGE_SIZE}` : ''}.`;
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

function renderResult(result: PagefindResultData): HTMLLIElement {
  const item = document.createElement('li');
  item.dataset.testid = 'search-result';
  const link = document.createElement('a');
  link.href = result.url;
  link.textContent = result.meta.title ?? result.url;
  const meta = document.createElement('div');
  meta.className = 'meta';
  if (result.meta.kind) {
    const kind = document.createElement('span');
    kind.className = 'badge badge-kind';
    kind.textContent = result.meta.kind;
    meta.append(kind);
  }
  if (result.meta.owner) {
    // The owner is a link whenever the owner has a page of its own.
    const owner = document.createElement('span');
    owner.append('Owner: ');
    const ownerUrl = result.meta.owner_url;
    if (ownerUrl) {
      const ownerLink = document.createElement('a');
      ownerLink.href = ownerUrl;
      ownerLink.textContent = result.meta.owner;
      owner.append(ownerLink);
    } else owner.append(result.meta.owner);
    meta.append(owner);
  }
  // The excerpt around the matched words, highlighted; the description when no word matched in the text.
  const text = document.createElement('p');
  text.className = 'excerpt';
  if (result.excerpt.includes('<mark>') || !result.meta.description) text.append(...excerptNodes(result.excerpt));
  else text.textContent = result.meta.description;
  item.append(link, meta, text);
  return item;
}
