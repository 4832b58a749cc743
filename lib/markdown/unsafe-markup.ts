// Names what the sanitiser is about to remove, so the author gets a warning with a line instead of
// content that silently disappears. The sanitiser, not this list, is what keeps pages safe.
import type { Element, Root } from 'hast';
import { walkElements } from './walk.ts';

const DANGEROUS_ELEMENTS = new Set(['script', 'style', 'iframe', 'object', 'embed', 'form', 'svg', 'math', 'base', 'meta', 'link', 'frame', 'frameset', 'template']);
const URL_PROPERTIES = ['href', 'src', 'action', 'formAction', 'xLinkHref', 'poster', 'data'];

export function findUnsafeMarkup(tree: Root): { node: Element; message: string }[] {
  const found: { node: Element; message: string }[] = [];
  walkElements(tree, (node) => {
    if (DANGEROUS_ELEMENTS.has(node.tagName) && node.tagName !== 'iframe') {
      found.push({ node, message: `<${node.tagName}> removed: raw HTML may not run code or restyle the portal` });
    }
    for (const [key, value] of Object.entries(node.properties)) {
      if (/^on/i.test(key)) found.push({ node, message: `event handler ${key.toLowerCase()} on <${node.tagName}> removed` });
      else if (key === 'style') found.push({ node, message: `style attribute on <${node.tagName}> removed` });
      else if (URL_PROPERTIES.includes(key) && typeof value === 'string' && /^\s*(?:javascript|vbscript|data):/i.test(value.replace(/[\u0000-\u0020]/g, ''))) {
        found.push({ node, message: `${value.trim().split(':')[0].toLowerCase()}: URL on <${node.tagName}> removed` });
      }
    }
  });
  return found;
}
