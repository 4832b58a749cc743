// One machine-readable file beside each entity page: the record as collected (relations included).
import type { APIRoute } from 'astro';
import { catalogIndex } from '../../../../../lib/catalog-content.ts';
import { rendersEntity } from '../../../../../lib/render-part.ts';

export async function getStaticPaths() {
  return (await catalogIndex()).records.filter((record) => rendersEntity(record.ref)).map((record) => ({
    params: { namespace: record.namespace.toLowerCase(), kind: record.kind.toLowerCase(), name: record.name.toLowerCase() },
    props: { ref: record.ref },
  }));
}

export const GET: APIRoute = async ({ props }) => {
  const record = (await catalogIndex()).byRef.get(props.ref as string)!;
  const { ref, kind, namespace, name, entity, source, problems } = record;
  return new Response(JSON.stringify({ ref, kind, namespace, name, entity, source, problems, stale: record.stale }, null, 2), {
    headers: { 'content-type': 'application/json' },
  });
};
