// Pagefind's excerpts mark matched words with <mark>; everything else in them is page text. The
// excerpt is split into plain text and marked parts and shown through textContent, so whatever the
// indexed page held, only the highlight becomes markup.

export interface ExcerptPart {
  text: string;
  mark: boolean;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

/** Decodes the character references Pagefind's escaping produces (named and numeric). */
export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, body: string) => {
    if (body[0] === '#') {
      const code = body[1] === 'x' || body[1] === 'X' ? Number.parseInt(body.slice(2), 16) : Number.parseInt(body.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[body.toLowerCase()] ?? whole;
  });
}

/** The excerpt as parts: text between <mark> and </mark> is marked; any other tag stays literal text. */
export function excerptParts(excerpt: string): ExcerptPart[] {
  const parts: ExcerptPart[] = [];
  let mark = false;
  for (const piece of excerpt.split(/(<mark>|<\/mark>)/)) {
    if (piece === '<mark>') mark = true;
    else if (piece === '</mark>') mark = false;
    else if (piece) parts.push({ text: decodeEntities(piece), mark });
  }
  return parts;
}

/** The excerpt as DOM nodes: text nodes and <mark> elements holding text. */
export function excerptNodes(excerpt: string): Node[] {
  return excerptParts(excerpt).map(({ text, mark }) => {
    if (!mark) return document.createTextNode(text);
    const node = document.createElement('mark');
    node.textContent = text;
    return node;
  });
}
