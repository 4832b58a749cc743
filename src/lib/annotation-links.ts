// Annotations that mean something to a person, turned into links (Backstage's well-known keys).
// Only http(s) URLs become links, so a descriptor cannot smuggle a javascript: URL into the portal.

export interface AnnotationLink {
  /** The annotation key it came from. */
  annotation: string;
  title: string;
  url: string;
}

/** `url` when it is an absolute http(s) URL, else undefined. */
export function safeUrl(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href : undefined;
  } catch {
    return undefined;
  }
}

/** A Backstage location reference `url:<url>` or `dir:<path>`, resolved against the descriptor's URL. */
function locationUrl(value: string, descriptorUrl: string | undefined): string | undefined {
  const colon = value.indexOf(':');
  const type = colon > 0 ? value.slice(0, colon) : '';
  const target = colon > 0 ? value.slice(colon + 1) : value;
  if (type === 'url') return safeUrl(target);
  if (type === 'dir' && descriptorUrl && safeUrl(descriptorUrl)) {
    // GitHub serves folders under /tree/, files under /blob/.
    return safeUrl(new URL(target.endsWith('/') ? target : `${target}/`, descriptorUrl).href.replace('/blob/', '/tree/'));
  }
  return safeUrl(value);
}

/** The links an entity's annotations give, in a fixed order. `descriptorUrl` resolves `dir:` refs. */
export function annotationLinks(annotations: Record<string, string> | undefined, descriptorUrl?: string): AnnotationLink[] {
  if (!annotations) return [];
  const links: AnnotationLink[] = [];
  const add = (annotation: string, title: string, url: string | undefined) => {
    if (url && !links.some((l) => l.url === url)) links.push({ annotation, title, url });
  };
  const slug = annotations['github.com/project-slug'];
  if (slug && /^[\w.-]+\/[\w.-]+$/.test(slug)) add('github.com/project-slug', `GitHub: ${slug}`, `https://github.com/${slug}`);
  const source = annotations['backstage.io/source-location'];
  if (source) add('backstage.io/source-location', 'Source code', locationUrl(source, descriptorUrl));
  add('backstage.io/view-url', 'View descriptor', safeUrl(annotations['backstage.io/view-url']));
  add('backstage.io/edit-url', 'Edit descriptor', safeUrl(annotations['backstage.io/edit-url']));
  const techdocs = annotations['backstage.io/techdocs-ref'];
  if (techdocs) add('backstage.io/techdocs-ref', 'Docs source', locationUrl(techdocs, descriptorUrl));
  return links;
}
