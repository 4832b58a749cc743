// Streams an XML report through saxes: memory stays flat whatever the file's size, and a syntax
// error (a truncated file, a stray '<') comes with the line and column saxes was at.
// saxes, not fast-xml-parser: fast-xml-parser needs the whole document as one string, saxes reads
// chunk by chunk and is the strict, well-kept SAX parser jsdom uses.
import { createReadStream } from 'node:fs';
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { ReportError } from './problem.ts';

export interface XmlHandlers {
  open(tag: SaxesTagPlain): void;
  close(name: string): void;
  /** Text and CDATA inside the current element. */
  text?(text: string): void;
}

/** Reads the file through the handlers; throws ReportError with the position on malformed XML. */
export async function streamXml(absolutePath: string, handlers: XmlHandlers): Promise<void> {
  const parser = new SaxesParser({ position: true });
  let failure: ReportError | undefined;
  let sawRoot = false;
  parser.on('error', (error) => {
    failure ??= new ReportError(`malformed XML: ${error.message.replace(/^[^:]*:\d+:\d+: /, '')}`, parser.line, parser.column + 1, 'regenerate the report; a truncated upload looks like this');
  });
  parser.on('opentag', (tag) => {
    sawRoot = true;
    if (!failure) handlers.open(tag as SaxesTagPlain);
  });
  parser.on('closetag', (tag) => {
    if (!failure) handlers.close(tag.name);
  });
  if (handlers.text) {
    parser.on('text', (t) => !failure && handlers.text!(t));
    parser.on('cdata', (t) => !failure && handlers.text!(t));
  }
  const stream = createReadStream(absolutePath, { encoding: 'utf8', highWaterMark: 256 * 1024 });
  for await (const chunk of stream) {
    parser.write(chunk as string);
    if (failure) {
      stream.destroy();
      throw failure;
    }
  }
  parser.close();
  if (failure) throw failure;
  if (!sawRoot) throw new ReportError('has no XML element', 1, 1);
}

/** Reads a numeric attribute; NaN-safe. */
export function numberAttribute(tag: SaxesTagPlain, name: string): number | undefined {
  const raw = tag.attributes[name];
  if (raw === undefined || raw === '') return undefined;
  const value = Number(raw);
  return Number.isFinite(value) ? value : undefined;
}
