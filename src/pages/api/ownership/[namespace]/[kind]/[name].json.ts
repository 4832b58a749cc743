// Per owner (group, or user who owns something): what it owns, with problem counts and staleness,
// and its parent groups. The personal home page reads these; layout in src/lib/home-data.ts.
import type { APIRoute } from 'astro';
import { catalogIndex } from '../../../../../lib/catalog-content.ts';
import { owners, ownershipFile } from '../../../../../lib/home-data.ts';
import { rendersEntity } from '../../../../../lib/render-part.ts';

export async function getStaticPaths() {
  return owners(await catalogIndex()).filter((record) => rendersEntity(record.ref)).map((record) => ({
    params: { namespace: record.namespace.toLowerCase(), kind: record.kind.toLowerCase(), name: record.name.toLowerCase() },
    props: { ref: record.ref },
  }));
}

export const GET: APIRoute = async ({ props }) => {
  const index = await catalogIndex();
  return new Response(JSON.stringify(ownershipFile(index, index.byRef.get(props.ref as string)!)), { headers: { 'content-type': 'application/json' } });
};
