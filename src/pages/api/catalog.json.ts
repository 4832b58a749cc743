// The whole catalog as one JSON file, for scripts and other tools; generatedAt is the collection
// time (not the build's clock), so the same content gives the same bytes.
import type { APIRoute } from 'astro';
import { catalogIndex } from '../../lib/catalog-content.ts';

export const GET: APIRoute = async () => {
  const index = await catalogIndex();
  const entities = index.records.map(({ ref, kind, namespace, name, entity, source, problems }) => ({ ref, kind, namespace, name, entity, source, problems }));
  return new Response(JSON.stringify({ generatedAt: index.meta?.collectedAt ?? null, entities }), {
    headers: { 'content-type': 'application/json' },
  });
};
