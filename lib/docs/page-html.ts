// The markup of one docs page (site nav, version switcher, the rendered page, its table of contents,
// previous/next, last updated, edit link) as one function, so the portal's Astro page and
// `backlot docs preview` (which writes pages without starting Astro) emit the same HTML for the
// same docs. Built as a hast tree and serialised by hast-util-to-html, which escapes every value.
import type { Element, ElementContent, Properties } from 'hast';
import { toHtml } from 'hast-util-to-html';
import type { DocsRecord, DocsVersion, NavItem } from './records.ts';
import type { RenderedDocsPage, RenderedDocsVersion } from './render-site.ts';
import { docsRoot, pageSlug } from './urls.ts';

export interface DocsPageInput {
  record: DocsRecord;
  version: DocsVersion;
  site: RenderedDocsVersion;
  page: RenderedDocsPage;
  /** A portal-relative path (e.g. `docs/x/`) → the URL under the site's base. */
  href: (path: string) => string;
  /** The URL of the entity's page. */
  entityUrl: string;
  /** How the entity is named, when it is in the catalog. */
  entity?: { name: string; kindLabel: string };
  /** The owner's ref and display name, for the search facet. */
  owner?: { ref: string; name: string };
  formatTime: (iso: string) => string;
}

type Child = ElementContent | string | false | undefined | null;

function el(tagName: string, properties: Properties, ...children: (Child | Child[])[]): Element {
  const content: ElementContent[] = [];
  for (const child of children.flat()) {
    if (child === false || child === undefined || child === null) continue;
    content.push(typeof child === 'string' ? { type: 'text', value: child } : child);
  }
  return { type: 'element', tagName, properties, children: content };
}

/** What docsNav asks of a section for every page: the pages inside it and the first one that exists. */
interface SectionFacts {
  inside: Set<string>;
  first?: string;
}
/** Per set of existing pages, per nav item: worked out once, not per page (that was n² for n pages). */
const sectionFacts = new WeakMap<Set<string>, WeakMap<NavItem, SectionFacts>>();
function factsOf(item: NavItem, pages: Set<string>): SectionFacts {
  let known = sectionFacts.get(pages);
  if (!known) sectionFacts.set(pages, (known = new WeakMap()));
  let facts = known.get(item);
  if (!facts) {
    const inside = new Set<string>();
    if (item.page !== undefined) inside.add(item.page);
    let first = item.page && pages.has(item.page) ? item.page : undefined;
    for (const child of item.children ?? []) {
      const childFacts = factsOf(child, pages);
      for (const p of childFacts.inside) inside.add(p);
      first ??= childFacts.first;
    }
    facts = { inside, first };
    known.set(item, facts);
  }
  return facts;
}

/** The site's navigation: sections on the way to the current page open, every other one a link. */
export function docsNav(items: NavItem[], root: string, current: string, pages: Set<string>, href: (path: string) => string): Element {
  return el(
    'ul',
    {},
    items.map((item) => {
      if (item.children) {
        const { inside, first } = factsOf(item, pages);
        if (inside.has(current)) return el('li', {}, el('details', { open: true }, el('summary', {}, item.title), docsNav(item.children, root, current, pages, href)));
        return el('li', { className: ['docs-nav-section'] }, first ? el('a', { href: href(`${root}${pageSlug(first)}`) }, `${item.title} `, el('span', { ariaHidden: 'true' }, '›')) : item.title);
      }
      if (item.url) return el('li', {}, el('a', { href: item.url, rel: ['nofollow', 'noopener', 'noreferrer'] }, `${item.title} ↗`));
      if (item.page && pages.has(item.page)) return el('li', {}, el('a', { href: href(`${root}${pageSlug(item.page)}`), ariaCurrent: item.page === current ? 'page' : undefined }, item.title));
      return el('li', { className: ['muted'] }, item.title);
    }),
  );
}

/** Per rendered version, once: a site of n pages must not cost n² to write (a set and an index per page did). */
const lookups = new WeakMap<RenderedDocsVersion, { pages: Set<string>; position: Map<RenderedDocsPage, number> }>();
function lookupsOf(version: DocsVersion, site: RenderedDocsVersion) {
  let found = lookups.get(site);
  if (!found) {
    found = { pages: new Set(version.pages.map((p) => p.path)), position: new Map(site.order.map((p, i) => [p, i])) };
    lookups.set(site, found);
  }
  return found;
}

const pathSets = new WeakMap<DocsVersion, Set<string>>();
function hasPage(version: DocsVersion, pagePath: string): boolean {
  let set = pathSets.get(version);
  if (!set) pathSets.set(version, (set = new Set(version.pages.map((p) => p.path))));
  return set.has(pagePath);
}

/** The `<div class="docs-layout">` of one page, as HTML. `page.html` is the renderer's sanitised output. */
export function docsPageHtml(input: DocsPageInput): string {
  const { record, version, site, page, href, entity, owner } = input;
  const ref = record.ref;
  const slug = version.slug;
  const { pages, position: positions } = lookupsOf(version, site);
  const position = positions.get(page) ?? -1;
  const previous = position > 0 ? site.order[position - 1] : undefined;
  const next = position >= 0 ? site.order[position + 1] : undefined;
  const root = docsRoot(ref, slug);
  const siteName = version.siteName || entity?.name || ref;
  const indexed = version.isDefault;
  const versionLink = (v: DocsVersion) => href(`${docsRoot(ref, v.slug)}${hasPage(v, page.path) ? pageSlug(page.path) : ''}`);
  const updated = page.lastUpdated;

  const nav = el(
    'nav',
    { className: ['docs-nav'], ariaLabel: `${siteName} documentation`, dataTestid: 'docs-nav', dataPagefindIgnore: 'all' },
    el('p', { className: ['docs-site-name'] }, el('a', { href: href(root) }, siteName)),
    el('p', { className: ['muted', 'docs-entity-link'] }, el('a', { href: input.entityUrl, dataTestid: 'docs-entity-link' }, entity ? `${entity.name} (${entity.kindLabel})` : ref)),
    record.versions.length > 1 &&
      el(
        'details',
        { className: ['version-switcher'], dataTestid: 'version-switcher' },
        el('summary', {}, 'Version: ', el('strong', {}, version.label)),
        el('ul', {}, record.versions.map((v) => el('li', {}, el('a', { href: versionLink(v), ariaCurrent: v.slug === slug ? 'true' : undefined, dataVersion: v.label }, `${v.label}${v.isDefault ? ' (default branch)' : ''}`)))),
      ),
    docsNav(version.nav, root, page.path, pages, href),
  );
  // The page's HTML is inserted as parsed nodes (raw), never re-sanitised here: it already was.
  const content = el('div', { className: ['docs-content'], dataPagefindWeight: '0.5' }, { type: 'raw', value: page.html } as unknown as ElementContent);
  const article = el(
    'article',
    { className: ['docs-page'], dataTestid: 'docs-page', dataPagefindBody: indexed ? '' : undefined },
    indexed && el('span', { hidden: true, dataPagefindFilter: 'kind:docs', dataPagefindMeta: 'kind:Docs' }),
    indexed && el('span', { hidden: true, dataPagefindFilter: `entity:${ref}` }),
    indexed && owner && el('span', { hidden: true, dataPagefindFilter: `owner:${owner.ref}`, dataPagefindMeta: `owner:${owner.name}` }),
    !version.isDefault &&
      el('p', { className: ['notice', 'notice-warning'], dataPagefindIgnore: '' }, 'You are reading the docs of ', el('strong', {}, version.label), '. ', el('a', { href: versionLink(record.versions[0]) }, 'Read the latest'), '.'),
    content,
    el(
      'footer',
      { className: ['docs-page-meta', 'muted'], dataPagefindIgnore: 'all' },
      el(
        'p',
        {},
        updated
          ? el('span', { dataTestid: 'docs-last-updated' }, 'Last updated ', el('time', { dateTime: updated.at }, input.formatTime(updated.at)), updated.commit && [' (commit ', el('code', {}, updated.commit.slice(0, 7)), ')'])
          : el('span', {}, `Last updated: not known (${version.lastUpdatedFrom})`),
        page.editUrl && [' · ', el('a', { href: page.editUrl, rel: ['nofollow', 'noopener', 'noreferrer'], dataTestid: 'docs-edit' }, 'Edit this page')],
      ),
      el(
        'nav',
        { className: ['docs-pager'], ariaLabel: 'Previous and next page' },
        previous ? el('a', { href: href(previous.url), rel: ['prev'], dataTestid: 'docs-prev' }, `← ${previous.title}`) : el('span', {}),
        next && el('a', { href: href(next.url), rel: ['next'], dataTestid: 'docs-next' }, `${next.title} →`),
      ),
    ),
  );
  const toc =
    page.toc.length > 0 &&
    el(
      'nav',
      { className: ['docs-toc'], ariaLabel: 'On this page', dataTestid: 'docs-toc', dataPagefindIgnore: 'all' },
      el('p', {}, el('strong', {}, 'On this page')),
      el('ul', {}, page.toc.map((entry) => el('li', { className: [`toc-depth-${entry.depth}`] }, el('a', { href: `#${entry.id}` }, entry.text)))),
    );
  return toHtml(el('div', { className: ['docs-layout'] }, nav, article, toc), { allowDangerousHtml: true });
}
