// Enhancements every page shares: the theme toggle (persisted) and the keyboard shortcuts that
// focus search (`/`, and Ctrl/Cmd+K). Without them the page is complete; these only help.

const root = document.documentElement;
const toggle = document.querySelector<HTMLButtonElement>('[data-theme-toggle]');

function currentTheme(): 'dark' | 'light' {
  return root.getAttribute('data-theme') === 'dark' ? 'dark' : 'light';
}

function labelToggle() {
  toggle?.setAttribute('aria-label', currentTheme() === 'dark' ? 'Switch to light theme' : 'Switch to dark theme');
}

toggle?.addEventListener('click', () => {
  const next = currentTheme() === 'dark' ? 'light' : 'dark';
  root.setAttribute('data-theme', next);
  try {
    localStorage.setItem('backlot-theme', next);
  } catch {
    // Private mode: the choice lasts for this page only.
  }
  labelToggle();
  document.dispatchEvent(new CustomEvent('backlot:theme', { detail: next }));
});
labelToggle();

function isTyping(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return !!el && (el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName));
}

document.addEventListener('keydown', (event) => {
  const commandK = (event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'k';
  const slash = event.key === '/' && !event.ctrlKey && !event.metaKey && !event.altKey && !isTyping(event.target);
  if (!commandK && !slash) return;
  const input = document.querySelector<HTMLInputElement>('[data-search-shortcut]');
  if (!input) return;
  event.preventDefault();
  input.focus();
  input.select();
});

// Suggestions under the header's search box: their code (and Pagefind) load on first focus only.
const headerSearch = document.querySelector<HTMLFormElement>('[data-header-search]');
headerSearch?.querySelector('input')?.addEventListener('focus', async (event) => {
  const input = event.target as HTMLInputElement;
  const { enhanceSuggestions } = await import('./search-suggest.ts');
  enhanceSuggestions(headerSearch);
  // Typed before the module arrived: suggest for it now.
  if (input.value.trim().length >= 2) input.dispatchEvent(new Event('input'));
}, { once: true });
