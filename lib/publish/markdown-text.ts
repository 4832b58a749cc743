// Text from descriptors and APIs placed in Markdown (job summaries, PR comments) stays text: no
// link, image, HTML, table cell break or heading can come from it, and it stays on one line.
const SPECIAL = /[\\`*_{}[\]()#+\-.!|~<>&:"']/g;
const ENTITY: Record<string, string> = { '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&#39;' };

export function markdownText(value: unknown, maxLength = 300): string {
  let text = String(value ?? '').replace(/[\r\n\t\u2028\u2029]+/g, ' ').replace(/[\u0000-\u001f\u007f]/g, '');
  if (text.length > maxLength) text = `${text.slice(0, maxLength - 1)}…`;
  return text.replace(SPECIAL, (c) => ENTITY[c] ?? `\\${c}`);
}
