// The catalog filter form's facets (kinds with counts, owners with names, types, lifecycles, tags):
// small, fetched by /catalog/ before any rows are needed. Layout in src/lib/catalog-list.ts.
import type { APIRoute } from 'astro';
import { catalogIndex } from '../../lib/catalog-content.ts';
import { indexMeta } from '../../lib/catalog-list.ts';

export const GET: APIRoute = async () => new Response(JSON.stringify(indexMeta(await catalogIndex())), { headers: { 'content-type': 'application/json' } });
