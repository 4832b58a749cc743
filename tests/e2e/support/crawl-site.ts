// Follows every same-origin link of a served site from its start page — pages and the assets they
// reference (stylesheets, scripts, images, icons) — and reports each URL that does not answer 2xx,
// with the pages it was linked from. Plain HTTP, no browser: fast enough to cover every page.

export interface BrokenLink {
  url: string;
  status: number | string;
  /** Pages that link to it. */
  foundOn: string[];
}

export interface CrawlResult {
  /** Every HTML page reached, as requested (hash removed). */
  pages: string[];
  /** Every other same-origin URL reached (assets). */
  assets: string[];
  broken: BrokenLink[];
}

const ATTRIBUTE = /\s(href|src|srcset|poster|data-src)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))/gi;
const CSS_URL = /url\(\s*(?:"([^"]*)"|'([^']*)'|([^)'"\s]+))\s*\)/gi;

function decodeEntities(value: string): string {
  return value
    .replace(/&amp;/g, '&')
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&apos;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&#x([0-9a-f]+);/gi, (_, hex: string) => String.fromCodePoint(parseInt(hex, 16)))
    .replace(/&#(\d+);/g, (_, dec: string) => String.fromCodePoint(Number(dec)));
}

/** URLs referenced by attributes of an HTML document (script bodies and comments left out). */
export function extractHtmlLinks(html: string): string[] {
  const markup = html.replace(/<!--[\s\S]*?-->/g, '').replace(/(<script\b[^>]*>)[\s\S]*?(<\/script>)/gi, '$1$2').replace(/(<style\b[^>]*>)([\s\S]*?)(<\/style>)/gi, (_, open: string, css: string, close: string) => `${open}${extractCssLinks(css).map((u) => ` src="${u}"`).join('')}${close}`);
  const links: string[] = [];
  for (const tag of markup.match(/<[a-z][^>]*>/gi) ?? []) {
    for (const m of tag.matchAll(ATTRIBUTE)) {
      const attribute = m[1].toLowerCase();
      const value = decodeEntities(m[2] ?? m[3] ?? m[4] ?? '').trim();
      if (!value) continue;
      if (attribute === 'srcset') links.push(...value.split(',').map((candidate) => candidate.trim().split(/\s+/)[0]).filter(Boolean));
      else links.push(value);
    }
  }
  return links;
}

export function extractCssLinks(css: string): string[] {
  return [...css.matchAll(CSS_URL)].map((m) => (m[1] ?? m[2] ?? m[3] ?? '').trim()).filter((u) => u && !u.startsWith('data:'));
}

/** Crawls from `startUrl`; only URLs on its origin are followed. */
export async function crawlSite(startUrl: string, options: { concurrency?: number; maxUrls?: number } = {}): Promise<CrawlResult> {
  const origin = new URL(startUrl).origin;
  const concurrency = options.concurrency ?? 8;
  const maxUrls = options.maxUrls ?? 20_000;
  const seen = new Map<string, Set<string>>();
  const queue: string[] = [];
  const pages: string[] = [];
  const assets: string[] = [];
  const broken: BrokenLink[] = [];

  const enqueue = (raw: string, from: string) => {
    if (/^(mailto|tel|javascript|data|blob):/i.test(raw)) return;
    let url: URL;
    try {
      url = from ? new URL(raw, from) : new URL(raw);
    } catch {
      broken.push({ url: raw, status: 'unparseable', foundOn: [from] });
      return;
    }
    if (url.origin !== origin) return;
    url.hash = '';
    const key = url.href;
    const referrers = seen.get(key);
    if (referrers) {
      referrers.add(from);
      return;
    }
    if (seen.size >= maxUrls) throw new Error(`crawl stopped after ${maxUrls} URLs: is a link generating endless URLs? (last: ${key}, from ${from})`);
    seen.set(key, new Set(from ? [from] : []));
    queue.push(key);
  };

  const visit = async (url: string) => {
    let response: Response;
    try {
      response = await fetch(url, { redirect: 'follow' });
    } catch (error) {
      broken.push({ url, status: (error as Error).message, foundOn: [...seen.get(url)!] });
      return;
    }
    const type = response.headers.get('content-type') ?? '';
    if (!response.ok) {
      await response.body?.cancel();
      broken.push({ url, status: response.status, foundOn: [...seen.get(url)!] });
      return;
    }
    // Links are relative to where the response actually came from (after a redirect to a trailing slash).
    const base = response.url || url;
    if (type.includes('text/html')) {
      pages.push(url);
      for (const link of extractHtmlLinks(await response.text())) enqueue(link, base);
    } else if (type.includes('text/css')) {
      assets.push(url);
      for (const link of extractCssLinks(await response.text())) enqueue(link, base);
    } else {
      assets.push(url);
      await response.arrayBuffer();
    }
  };

  enqueue(startUrl, '');
  let active = 0;
  const workers = Array.from({ length: concurrency }, async () => {
    // Each worker takes from the shared queue until it is empty and no one else may still add to it.
    for (;;) {
      const next = queue.shift();
      if (next !== undefined) {
        active++;
        try {
          await visit(next);
        } finally {
          active--;
        }
      } else if (active === 0) {
        return;
      } else {
        await new Promise((r) => setTimeout(r, 5));
      }
    }
  });
  await Promise.all(workers);
  return { pages: pages.sort(), assets: assets.sort(), broken };
}

export function formatBrokenLinks(broken: BrokenLink[]): string {
  return broken.map((b) => `${b.url} → ${b.status}, linked from: ${b.foundOn.slice(0, 5).join(', ')}${b.foundOn.length > 5 ? ` (+${b.foundOn.length - 5} more)` : ''}`).join('\n');
}
