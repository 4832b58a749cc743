// A render worker of render-pool.ts: receives a site's link facts once, then pages, and answers
// each page with its rendering and the link questions it asked, tagged with the page's id.
import { parentPort } from 'node:worker_threads';
import { linkContextOf, renderPage, type PageJob, type SiteLinks } from './render-pool.ts';
import type { LinkContext } from './resolve-link.ts';

type Message = { type: 'site'; siteId: number; site: SiteLinks } | { type: 'page'; id: number; siteId: number; job: PageJob };

const sites = new Map<number, LinkContext>();

parentPort!.on('message', (message: Message) => {
  if (message.type === 'site') {
    sites.set(message.siteId, linkContextOf(message.site));
    return;
  }
  const context = sites.get(message.siteId);
  if (!context) {
    parentPort!.postMessage({ id: message.id, error: `unknown site ${message.siteId}` });
    return;
  }
  renderPage(context, message.job).then(
    (rendering) => parentPort!.postMessage({ id: message.id, rendering }),
    (error: Error) => parentPort!.postMessage({ id: message.id, error: error.stack ?? String(error) }),
  );
});
