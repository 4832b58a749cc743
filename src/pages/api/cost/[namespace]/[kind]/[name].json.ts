// One entity's cost as JSON (the cost section's twin): by currency, month and cloud service.
import type { APIRoute, GetStaticPaths } from 'astro';
import { entityCost, refParams, refsWithCost } from '../../../../../lib/concern-content.ts';
import { rendersEntity } from '../../../../../lib/render-part.ts';

export const getStaticPaths: GetStaticPaths = () => refsWithCost().filter(rendersEntity).map((ref) => ({ params: refParams(ref), props: { ref } }));

export const GET: APIRoute = ({ props }) =>
  new Response(JSON.stringify(entityCost(props.ref as string), null, 2), { headers: { 'content-type': 'application/json' } });
