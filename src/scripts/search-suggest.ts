// Suggestions under the header's search box while typing: Pagefind's debounced search, the first
// few entity pages as a listbox (ARIA combobox pattern: arrows move, Enter opens, Escape closes).
// Enter with no suggestion chosen submits the form to the search page as before.
import { loadPagefind } from './pagefind-client.ts';
import { excerptNodes } from './search-excerpt.ts';
import { searchEntries, type SearchEntry } from './search-entries.ts';

const SHOWN = 6;
const WAIT_MS = 120;

export function enhanceSuggestions(form: HTMLFormElement) {
  const input = form.querySelector<HTMLInputElement>('input[type="search"]');
  const list = form.querySelector<HTMLUListElement>('[data-suggestions]');
  if (!input || !list) return;
  const pagefind = () => loadPagefind(form.dataset.pagefindBase!, form.dataset.base ?? '/');
  let items: { url: string; node: HTMLLIElement }[] = [];
  let active = -1;

  input.setAttribute('role', 'combobox');
  input.setAttribute('aria-autocomplete', 'list');
  input.setAttribute('aria-expanded', 'false');
  input.setAttribute('aria-controls', list.id);

  function close() {
    list!.hidden = true;
    list!.replaceChildren();
    items = [];
    active = -1;
    input!.setAttribute('aria-expanded', 'false');
    input!.removeAttribute('aria-activedescendant');
  }
  function highlight(index: number) {
    active = index;
    items.forEach(({ node }, i) => node.setAttribute('aria-selected', String(i === index)));
    if (index >= 0) input!.setAttribute('aria-activedescendant', items[index].node.id);
    else input!.removeAttribute('aria-activedescendant');
  }
  function render(results: SearchEntry[]) {
    items = results.map((result, i) => {
      const node = document.createElement('li');
      node.id = `${list!.id}-${i}`;
      node.setAttribute('role', 'option');
      node.setAttribute('aria-selected', 'false');
      node.dataset.testid = 'suggestion';
      const title = document.createElement('span');
      title.className = 'suggestion-title';
      title.textContent = result.title;
      node.append(title);
      if (result.kind) {
        const kind = document.createElement('span');
        kind.className = 'badge badge-kind';
        kind.textContent = result.kind;
        node.append(' ', kind);
      }
      const excerpt = document.createElement('span');
      excerpt.className = 'suggestion-excerpt';
      excerpt.append(...excerptNodes(result.excerpt));
      node.append(excerpt);
      // pointerdown, not click: the input's blur would close the list before a click lands.
      node.addEventListener('pointerdown', (event) => {
        event.preventDefault();
        location.assign(result.url);
      });
      return { url: result.url, node };
    });
    list!.replaceChildren(...items.map((i) => i.node));
    list!.hidden = items.length === 0;
    input!.setAttribute('aria-expanded', String(items.length > 0));
    highlight(-1);
  }

  input.addEventListener('input', async () => {
    const query = input.value.trim();
    if (query.length < 2) return close();
    try {
      const site = await pagefind();
      const found = await site.pagefind.debouncedSearch(query, {}, WAIT_MS);
      if (!found || input.value.trim() !== query) return; // superseded by newer typing
      const { entries } = await searchEntries(found.results, {}, SHOWN, form.dataset.base ?? '/', site.groupSize);
      if (input.value.trim() === query && document.activeElement === input) render(entries);
    } catch (error) {
      console.warn('Backlot: search suggestions unavailable', error);
    }
  });
  input.addEventListener('keydown', (event) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      if (items.length === 0) return;
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      // -1 is the input itself: arrows cycle through it, as in a native autocomplete.
      let next = active + step;
      if (next >= items.length) next = -1;
      else if (next < -1) next = items.length - 1;
      highlight(next);
    } else if (event.key === 'Enter' && active >= 0) {
      event.preventDefault();
      location.assign(items[active].url);
    } else if (event.key === 'Escape' && !list.hidden) {
      event.preventDefault();
      close();
    }
  });
  input.addEventListener('blur', () => setTimeout(close, 0));
}
