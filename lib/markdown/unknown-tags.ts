// `List<Pet>` in prose is a generic, not an element: CommonMark reads any `<Word>` as raw HTML,
// and the sanitiser would then drop it. Tags that are not HTML elements are turned back into text.
import type { Parent, Root, RootContent } from 'mdast';
import { walk } from './walk.ts';
import { sanitizeSchema } from './sanitize-schema.ts';

const KNOWN = new Set([
  ...(sanitizeSchema.tagNames ?? []),
  ...(sanitizeSchema.strip ?? []),
  'html', 'head', 'body', 'base', 'meta', 'link', 'form', 'button', 'select', 'option', 'label', 'frame', 'frameset',
  'center', 'font', 'small', 'big', 'u', 'mark', 'abbr', 'cite', 'dfn', 'time', 'figure', 'figcaption', 'caption', 'col', 'colgroup',
  'article', 'aside', 'header', 'footer', 'main', 'nav', 'address', 'audio', 'video', 'track', 'canvas', 'map', 'area', 'wbr', 'bdi', 'bdo', 'dialog', 'slot', 'applet', 'marquee', 'blink', 'image', 'animate', 'set',
]);

/**
 * Inline `<Tag>` that names no HTML element becomes text, so it is shown as written. Returns
 * whether any raw HTML is left (the caller parses raw HTML only then: it is the costly part).
 */
export function unknownTagsAsText(tree: Root): boolean {
  let hasHtml = false;
  walk<RootContent, Root | Parent>(tree, (node, index, parent) => {
    if (node.type !== 'html') return;
    const name = parent === tree ? undefined : /^<\/?([A-Za-z][A-Za-z0-9-]*)/.exec(node.value)?.[1]?.toLowerCase();
    if (name && !KNOWN.has(name)) parent.children[index] = { type: 'text', value: node.value };
    else hasHtml = true;
  });
  return hasHtml;
}
