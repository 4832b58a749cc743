// MkDocs writes admonitions (`!!! note "Title"`) and content tabs (`=== "Tab"`) as indented blocks
// that CommonMark reads as paragraphs or code. Before parsing we rewrite them, line by line, into
// the GitHub alert form (`> [!NOTE] Title`, and `> [!TAB] Title` for tabs), so one transform on the
// parsed tree handles both spellings. A line map keeps every warning on the author's own line.

/** The rewritten source, and for each of its lines (0-based) the 1-based line of the original. */
export interface PreparedSource {
  text: string;
  lineOf: number[];
}

const ADMONITION = /^(!!!|\?\?\?\+?)[ \t]+([A-Za-z][\w-]*)(?:[ \t]+"([^"]*)")?[ \t]*$/;
const TAB = /^===(!)?[ \t]+"([^"]*)"[ \t]*$/;
const FENCE = /^[ \t]{0,3}(`{3,}|~{3,})/;

interface Line {
  text: string;
  source: number;
}

/** Rewrites MkDocs admonitions and tabs (any depth) into blockquote alerts, outside code fences. */
export function prepareMarkdown(source: string): PreparedSource {
  const lines = source.replace(/\r\n?/g, '\n').split('\n').map((text, i) => ({ text, source: i + 1 }));
  const out = rewrite(lines);
  return { text: out.map((l) => l.text).join('\n'), lineOf: out.map((l) => l.source) };
}

function indentedBlock(lines: Line[], start: number): number {
  // The block is the following lines indented by four spaces (or a tab), blank lines included,
  // up to the first line that is not indented.
  let end = start;
  let lastContent = start;
  while (end < lines.length) {
    const text = lines[end].text;
    if (text.trim() === '') {
      end++;
      continue;
    }
    if (!/^(?: {4}|\t)/.test(text)) break;
    end++;
    lastContent = end;
  }
  return lastContent;
}

function dedent(line: Line): Line {
  return { text: line.text.replace(/^(?: {4}|\t)/, ''), source: line.source };
}

function rewrite(lines: Line[]): Line[] {
  const out: Line[] = [];
  let fence: string | undefined;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const fenceMatch = FENCE.exec(line.text);
    if (fence) {
      out.push(line);
      if (fenceMatch && fenceMatch[1][0] === fence[0] && fenceMatch[1].length >= fence.length) fence = undefined;
      continue;
    }
    if (fenceMatch) {
      fence = fenceMatch[1];
      out.push(line);
      continue;
    }
    const admonition = ADMONITION.exec(line.text);
    const tab = admonition ? undefined : TAB.exec(line.text);
    if (!admonition && !tab) {
      out.push(line);
      continue;
    }
    let marker: string;
    if (admonition) {
      const [, opener, type, title] = admonition;
      const fold = opener === '???' ? '-' : opener === '???+' ? '+' : '';
      marker = `[!${type.toUpperCase()}]${fold}${title === undefined ? '' : ` ${title.trim() || '\u200b'}`}`;
    } else {
      marker = `[!TAB] ${tab![2].trim() || 'Tab'}`;
    }
    const end = indentedBlock(lines, i + 1);
    const body = rewrite(lines.slice(i + 1, end).map(dedent));
    // A blank line before and after, so neighbouring blocks (two tabs) stay separate blockquotes.
    out.push({ text: '', source: line.source });
    out.push({ text: `> ${marker}`, source: line.source });
    for (const b of body) out.push({ text: b.text.trim() === '' ? '>' : `> ${b.text}`, source: b.source });
    out.push({ text: '', source: lines[end - 1]?.source ?? line.source });
    i = end - 1;
  }
  return out;
}
