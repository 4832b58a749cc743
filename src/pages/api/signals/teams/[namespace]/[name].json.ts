// One team's service-signal roll-up as JSON: the twin of the "Service health" section on its page.
import type { APIRoute, GetStaticPaths } from 'astro';
import { catalogIndex } from '../../../../../lib/catalog-content.ts';
import { ownedByKind } from '../../../../../lib/catalog-index.ts';
import { rollUp } from '../../../../../lib/signal-rollups.ts';
import { signalsContent } from '../../../../../lib/signals-content.ts';
import { rendersEntity } from '../../../../../lib/render-part.ts';

export const getStaticPaths: GetStaticPaths = async () => {
  const index = await catalogIndex();
  const signals = signalsContent();
  return (index.byKind.get('group') ?? [])
    .filter((owner) => rendersEntity(owner.ref))
    .map((owner) => ({ owner, rollup: rollUp([...ownedByKind(index, owner).values()].flat().map((r) => r.ref), signals) }))
    .filter(({ rollup }) => rollup.covered > 0)
    .map(({ owner, rollup }) => ({ params: { namespace: owner.namespace.toLowerCase(), name: owner.name.toLowerCase() }, props: { ref: owner.ref, rollup } }));
};

export const GET: APIRoute = ({ props }) => new Response(JSON.stringify(props, null, 2) + '\n', { headers: { 'content-type': 'application/json' } });
