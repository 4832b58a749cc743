// One shard of the catalog's filter index per kind (/api/catalog-index/<kind>.json), so the
// default Components view fetches only components. Layout in src/lib/catalog-list.ts.
import type { APIRoute } from 'astro';
import { catalogIndex } from '../../../lib/catalog-content.ts';
import { indexShard } from '../../../lib/catalog-list.ts';
import { rendersSiteWide } from '../../../lib/render-part.ts';

export async function getStaticPaths() {
  if (!rendersSiteWide()) return [];
  return [...(await catalogIndex()).byKind.keys()].map((kind) => ({ params: { kind } }));
}

export const GET: APIRoute = async ({ params }) => new Response(JSON.stringify(indexShard(await catalogIndex(), params.kind!)), { headers: { 'content-type': 'application/json' } });
