// Admonitions and content tabs, drawn from blockquotes that start with `[!TYPE]` (GitHub's alert
// form; MkDocs' `!!!`/`???`/`===` were rewritten to it before parsing). Runs after sanitising: the
// markup made here is the portal's, so it may carry classes and form controls the author may not.
import type { Element, ElementContent, Root, Text } from 'hast';

const MARKER = /^\[!([A-Z][A-Z0-9_-]*)\]([-+]?)(?:[ \t]+([^\n]*))?(?:\n|$)/;

/** GitHub's five alert types plus MkDocs' (Material's) names, mapped to the portal's styles. */
const STYLE_OF: Record<string, string> = {
  NOTE: 'note', INFO: 'note', TODO: 'note', SEEALSO: 'note',
  TIP: 'tip', HINT: 'tip', SUCCESS: 'tip', CHECK: 'tip', DONE: 'tip',
  IMPORTANT: 'important', ABSTRACT: 'important', SUMMARY: 'important', TLDR: 'important', QUESTION: 'important', HELP: 'important', FAQ: 'important', EXAMPLE: 'important', QUOTE: 'important', CITE: 'important',
  WARNING: 'warning', CAUTION: 'caution', ATTENTION: 'warning',
  DANGER: 'caution', ERROR: 'caution', FAILURE: 'caution', FAIL: 'caution', MISSING: 'caution', BUG: 'caution',
};

function isBlank(node: ElementContent): boolean {
  return node.type === 'text' && node.value.trim() === '';
}

interface Marker {
  type: string;
  fold: '' | '-' | '+';
  title?: string;
}

/** Reads the marker off a blockquote's first paragraph and removes it from the content. */
function takeMarker(quote: Element): Marker | undefined {
  const first = quote.children.find((c) => !isBlank(c));
  if (!first || first.type !== 'element' || first.tagName !== 'p') return undefined;
  const text = first.children[0];
  if (!text || text.type !== 'text') return undefined;
  const match = MARKER.exec(text.value);
  if (!match) return undefined;
  const [whole, type, fold, title] = match;
  (text as Text).value = text.value.slice(whole.length);
  if (first.children.length === 1 && text.value.trim() === '') quote.children.splice(quote.children.indexOf(first), 1);
  return { type, fold: fold as Marker['fold'], title: title?.replace(/\u200b/g, '').trim() };
}

function titleCase(type: string): string {
  return type.charAt(0) + type.slice(1).toLowerCase();
}

function admonition(marker: Marker, body: ElementContent[]): Element {
  const style = STYLE_OF[marker.type] ?? 'note';
  const title = marker.title === undefined ? titleCase(marker.type) : marker.title;
  const className = ['admonition', `admonition-${style}`];
  if (marker.fold) {
    return {
      type: 'element', tagName: 'details', properties: { className, open: marker.fold === '+' },
      children: [{ type: 'element', tagName: 'summary', properties: { className: ['admonition-title'] }, children: [{ type: 'text', value: title || titleCase(marker.type) }] }, ...body],
    };
  }
  const head: ElementContent[] = title ? [{ type: 'element', tagName: 'p', properties: { className: ['admonition-title'] }, children: [{ type: 'text', value: title }] }] : [];
  return { type: 'element', tagName: 'div', properties: { className, role: 'note' }, children: [...head, ...body] };
}

/** A tab set that works without JavaScript: one radio button per tab, CSS shows the checked one. */
function tabSet(tabs: { title: string; body: ElementContent[] }[], set: number): Element {
  const children: ElementContent[] = [];
  tabs.forEach((tab, i) => {
    const id = `tabs-${set}-${i}`;
    children.push(
      { type: 'element', tagName: 'input', properties: { type: 'radio', name: `tabs-${set}`, id, checked: i === 0, className: ['tab-input'] }, children: [] },
      { type: 'element', tagName: 'label', properties: { htmlFor: [id], className: ['tab-label'] }, children: [{ type: 'text', value: tab.title }] },
      { type: 'element', tagName: 'div', properties: { className: ['tab-panel'] }, children: tab.body },
    );
  });
  return { type: 'element', tagName: 'div', properties: { className: ['tab-set'] }, children };
}

/**
 * Replaces alert blockquotes with admonitions and runs of `[!TAB]` blockquotes with tab sets.
 * `quotes` are the tree's blockquotes in document order with their parents (the renderer's walk
 * collects them); returns the ids of the tab controls made.
 */
export function transformAlerts(tree: Root, quotes: { node: Element; parent: Root | Element }[]): string[] {
  let tabs = false;
  // Innermost first, so an admonition inside a tab is already drawn when the tab is.
  for (const { node, parent } of [...quotes].reverse()) {
    const marker = takeMarker(node);
    if (!marker) continue;
    const index = parent.children.indexOf(node);
    if (marker.type === 'TAB') {
      parent.children[index] = { type: 'element', tagName: 'div', properties: { dataTab: marker.title ?? 'Tab' }, children: node.children };
      tabs = true;
    } else {
      parent.children[index] = admonition(marker, node.children);
    }
  }
  return tabs ? groupTabs(tree) : [];
}

function groupTabs(tree: Root): string[] {
  // Numbered per page, so the same page renders the same ids in every build.
  let sets = 0;
  const ids: string[] = [];
  const group = (parent: Root | Element) => {
    const out: (typeof parent.children)[number][] = [];
    let run: Element[] = [];
    const flush = () => {
      if (run.length > 0) {
        const set = tabSet(run.map((t) => ({ title: String(t.properties.dataTab), body: t.children })), ++sets);
        out.push(set);
        for (const control of set.children) if (control.type === 'element' && control.tagName === 'input') ids.push(String(control.properties.id));
      }
      run = [];
    };
    for (const child of parent.children) {
      if (child.type === 'element' && child.properties.dataTab !== undefined && child.tagName === 'div') run.push(child);
      else if (child.type === 'text' && child.value.trim() === '' && run.length > 0) continue;
      else {
        flush();
        out.push(child);
      }
    }
    flush();
    parent.children = out as typeof parent.children;
    // Pre-order, as before: a tab set is numbered before the tab sets inside its panels.
    for (const child of parent.children) if (child.type === 'element') group(child);
  };
  group(tree);
  return ids;
}
