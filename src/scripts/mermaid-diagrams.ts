// Draws every [data-mermaid] figure with the mermaid package, imported lazily so its large chunk
// loads only where a diagram exists; redraws when the theme changes.

type Mermaid = typeof import('mermaid').default;
let mermaidPromise: Promise<Mermaid> | undefined;
let counter = 0;

async function draw(mermaid: Mermaid) {
  const dark = document.documentElement.getAttribute('data-theme') === 'dark';
  mermaid.initialize({ startOnLoad: false, securityLevel: 'strict', theme: dark ? 'dark' : 'default', fontFamily: 'system-ui, sans-serif' });
  for (const figure of document.querySelectorAll<HTMLElement>('[data-mermaid]')) {
    const source = figure.querySelector('.diagram-source')?.textContent ?? '';
    const target = figure.querySelector<HTMLElement>('.diagram-render');
    if (!source || !target) continue;
    try {
      const { svg } = await mermaid.render(`bl-diagram-${++counter}`, source);
      target.innerHTML = svg;
      figure.dataset.rendered = 'true';
    } catch (error) {
      // The relation lists carry the same information; say so rather than fail loudly.
      target.textContent = 'This diagram could not be drawn; the lists above show the same relations.';
      figure.dataset.rendered = 'error';
      console.warn('Backlot: diagram not drawn', error);
    }
  }
}

export function renderDiagrams() {
  if (!document.querySelector('[data-mermaid]')) return;
  // Mermaid's own pre-bundled ESM build (still served from node_modules through Vite, never a CDN):
  // bundling mermaid.core.mjs and its d3/cytoscape/katex dependencies took most of the client build.
  mermaidPromise ??= import('mermaid/dist/mermaid.esm.min.mjs').then((m) => m.default);
  mermaidPromise.then(draw);
  document.addEventListener('backlot:theme', () => mermaidPromise?.then(draw));
}
