// One entity's metrics as JSON (the metrics section's twin): compact series per chart, dashboards.
import type { APIRoute, GetStaticPaths } from 'astro';
import { catalogIndex } from '../../../../../lib/catalog-content.ts';
import { entityMetrics, refParams, refsWithMetrics } from '../../../../../lib/concern-content.ts';
import { rendersEntity } from '../../../../../lib/render-part.ts';

export const getStaticPaths: GetStaticPaths = async () =>
  refsWithMetrics((await catalogIndex()).records.map((r) => r.ref)).filter(rendersEntity).map((ref) => ({ params: refParams(ref), props: { ref } }));

export const GET: APIRoute = ({ props }) =>
  new Response(JSON.stringify(entityMetrics(props.ref as string), null, 2), { headers: { 'content-type': 'application/json' } });
