// The worker thread of startCatalogIndexFromContent (pagefind-index.ts): reads the collected
// records and answers with the search pages written from them, so the records' memory goes away
// with the thread instead of staying in the build's own process.
import { parentPort, workerData } from 'node:worker_threads';
import { catalogSearchInput, catalogSearchPages } from './search-records.ts';

const { contentDir, groupSize } = workerData as { contentDir: string; groupSize?: number };
parentPort!.postMessage(catalogSearchPages(catalogSearchInput(contentDir, groupSize)));
