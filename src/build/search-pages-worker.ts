// The worker thread of startCatalogIndexFromContent (pagefind-index.ts): reads the collected
// records and answers with the search pages written from them, so the records' memory goes away
// with the thread instead of staying in the build's own process.
import { parentPort, workerData } from 'node:worker_threads';
import type { CatalogSearchPages } from './pagefind-index.ts';
import { catalogSearchInput, entitySearchPages, searchGroupSize } from './search-records.ts';

const { contentDir, groupSize } = workerData as { contentDir: string; groupSize?: number };
const input = catalogSearchInput(contentDir, groupSize);
const size = searchGroupSize(input.catalogSize, input.groupSize);
const answer: CatalogSearchPages = { entities: input.records.length, groupSize: size, pages: entitySearchPages(input.records, size, input.titleOf).map(({ url, html }) => ({ url, html })) };
parentPort!.postMessage(answer);
