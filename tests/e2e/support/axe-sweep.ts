// An accessibility sweep with axe-core in real Chromium: one page of each type found by the crawl
// (so pages other work adds are covered as soon as they are linked), plus states only a script
// reaches (search results, suggestions open, a personal home), each in the light and dark theme
// and at phone width. Reports serious and critical violations (WCAG 2.2 AA + best practices).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';

/** What axe checks: WCAG 2.0–2.2 A and AA, and Deque's best practices. */
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];
const FAILING_IMPACTS = new Set(['serious', 'critical']);

export interface SweepMode {
  name: string;
  context: BrowserContextOptions;
  /** Only these axe rules (what this mode can change), else every rule of AXE_TAGS. */
  onlyRules?: string[];
  /** Rules left out (what another mode already checks the same way). */
  skipRules?: string[];
}

/** Rules whose outcome depends on colours: the only ones the dark theme can change. */
const COLOUR_RULES = ['color-contrast', 'link-in-text-block'];

/**
 * Light at a desktop width with every rule; dark with the colour rules (the markup is the same);
 * a phone (light) with every rule but colour contrast (the colours are the light theme's). Each
 * check runs where it can fail, so the sweep costs about one and a half passes, not three.
 */
export const SWEEP_MODES: SweepMode[] = [
  { name: 'light', context: { colorScheme: 'light', viewport: { width: 1280, height: 800 } } },
  { name: 'dark', context: { colorScheme: 'dark', viewport: { width: 1280, height: 800 } }, onlyRules: COLOUR_RULES },
  { name: 'phone', context: { colorScheme: 'light', viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true }, skipRules: COLOUR_RULES },
];

export interface SweepTarget {
  /** What the page is, for the report (`entity:api:openapi`, `search with results`). */
  label: string;
  url: string;
  /** Runs before the page's own scripts (e.g. a stored choice in localStorage). */
  initScript?: string;
  /** Brings the page into the state to check, after load (type a query, open a menu). */
  prepare?: (page: Page) => Promise<void>;
}

export interface AxeFinding {
  target: string;
  mode: string;
  url: string;
  rule: string;
  impact: string;
  help: string;
  nodes: string[];
}

let source: string | undefined;
function axeSource(): string {
  source ??= readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  return source;
}

/**
 * The kind of page a URL is, from its HTML: the layout's `data-page`, and for entity pages the
 * kind and (for APIs) the definition type, since each renders differently.
 */
export function pageTypeKey(html: string): string {
  const page = /<body[^>]*\sdata-page="([^"]*)"/.exec(html)?.[1] ?? 'unknown';
  if (page !== 'entity') return page;
  const ref = /\sdata-entity-ref="([^":]+):/.exec(html)?.[1] ?? 'unknown';
  const api = /\sdata-api-type="([^"]*)"/.exec(html)?.[1];
  return api ? `entity:${ref}:${api}` : `entity:${ref}`;
}

/** The first page (in URL order) of each page type among `urls`, fetched over HTTP. */
export async function onePagePerType(urls: string[]): Promise<SweepTarget[]> {
  const chosen = new Map<string, string>();
  for (const url of [...urls].sort()) {
    const html = await (await fetch(url)).text();
    const key = pageTypeKey(html);
    if (!chosen.has(key)) chosen.set(key, url);
  }
  return [...chosen].sort(([a], [b]) => (a < b ? -1 : 1)).map(([label, url]) => ({ label, url }));
}

/** Runs axe on every target in every mode, two pages at a time; returns the serious and critical violations. */
export async function sweep(
  browser: Browser,
  targets: SweepTarget[],
  options: { modes?: SweepMode[]; concurrency?: number; /** CSS selectors axe leaves out (say why where you pass them). */ exclude?: string[] } = {},
): Promise<{ findings: AxeFinding[]; audits: number }> {
  const { modes = SWEEP_MODES, concurrency = 2, exclude = [] } = options;
  const findings: AxeFinding[] = [];
  let audits = 0;
  const queue = modes.flatMap((mode) => targets.map((target) => ({ mode, target })));
  const audit = async ({ mode, target }: { mode: SweepMode; target: SweepTarget }) => {
    const context = await browser.newContext(mode.context);
    try {
      if (target.initScript) await context.addInitScript(target.initScript);
      const page = await context.newPage();
      // What a page fetches after load (a personal home, search results) is awaited by `prepare`.
      await page.goto(target.url, { waitUntil: 'load' });
      if (target.prepare) await target.prepare(page);
      await page.addScriptTag({ content: axeSource() });
      const result = await page.evaluate(async ({ tags, exclude, onlyRules, skipRules }) => {
        const axe = (window as unknown as { axe: { run(ctx: object, options: object): Promise<AxeResults> } }).axe;
        const context = exclude.length > 0 ? { include: [['html']], exclude: exclude.map((s) => [s]) } : document;
        const runOnly = onlyRules ? { type: 'rule', values: onlyRules } : { type: 'tag', values: tags };
        const rules = Object.fromEntries(skipRules.map((id) => [id, { enabled: false }]));
        return axe.run(context, { runOnly, rules, resultTypes: ['violations'] });
      }, { tags: AXE_TAGS, exclude, onlyRules: mode.onlyRules ?? null, skipRules: mode.skipRules ?? [] });
      audits++;
      for (const v of result.violations) {
        if (!FAILING_IMPACTS.has(v.impact ?? '')) continue;
        findings.push({
          target: target.label, mode: mode.name, url: target.url, rule: v.id, impact: v.impact!, help: v.help,
          nodes: v.nodes.map((n) => `${JSON.stringify(n.target)} ${n.html.slice(0, 160)}${n.failureSummary ? ` — ${n.failureSummary.split('\n').slice(1, 2).join(' ').trim()}` : ''}`),
        });
      }
    } finally {
      await context.close();
    }
  };
  await Promise.all(Array.from({ length: concurrency }, async () => {
    for (let next = queue.shift(); next; next = queue.shift()) await audit(next);
  }));
  const order = (f: AxeFinding) => `${f.target} ${f.mode} ${f.rule}`;
  return { findings: findings.sort((a, b) => (order(a) < order(b) ? -1 : 1)), audits };
}

/** The part of axe's result the sweep reads. */
interface AxeResults {
  violations: { id: string; impact: string | null; help: string; nodes: { target: unknown[]; html: string; failureSummary?: string }[] }[];
}

export function formatFindings(findings: AxeFinding[]): string {
  return findings
    .map((f) => `${f.target} [${f.mode}] ${f.rule} (${f.impact}): ${f.help}\n  ${f.url}\n  ${f.nodes.slice(0, 4).join('\n  ')}${f.nodes.length > 4 ? `\n  … ${f.nodes.length - 4} more` : ''}`)
    .join('\n');
}
