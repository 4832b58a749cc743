// What raw HTML in untrusted Markdown may keep: GitHub's own rules (hast-util-sanitize's default
// schema), plus iframes that the caller checks against an allow-list of hosts afterwards.
import { defaultSchema, type Schema } from 'hast-util-sanitize';

/** Elements dropped together with their content (their text must not leak onto the page either). */
const STRIPPED = ['script', 'style', 'template', 'noscript', 'textarea', 'title', 'svg', 'math', 'object', 'embed', 'xmp', 'noembed', 'noframes'];

export const sanitizeSchema: Schema = {
  ...defaultSchema,
  strip: [...new Set([...(defaultSchema.strip ?? []), ...STRIPPED])],
  tagNames: [...(defaultSchema.tagNames ?? []), 'iframe'],
  attributes: {
    ...defaultSchema.attributes,
    iframe: ['src', 'title', 'width', 'height', 'allowFullScreen'],
  },
  protocols: { ...defaultSchema.protocols, src: ['https', 'http'] },
};
