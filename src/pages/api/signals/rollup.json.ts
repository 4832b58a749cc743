// The organisation's service-signal roll-up as JSON (the home page's, and one per team), for
// scripts and dashboards: the same data the pages show, from the same function.
import type { APIRoute } from 'astro';
import { catalogIndex } from '../../../lib/catalog-content.ts';
import { ownedByKind } from '../../../lib/catalog-index.ts';
import { rollUp } from '../../../lib/signal-rollups.ts';
import { signalsContent } from '../../../lib/signals-content.ts';

export const GET: APIRoute = async () => {
  const index = await catalogIndex();
  const signals = signalsContent();
  const teams = (index.byKind.get('group') ?? []).map((group) => ({
    ref: group.ref,
    ...rollUp([...ownedByKind(index, group).values()].flat().map((r) => r.ref), signals),
  }));
  const body = { organisation: rollUp(index.records.map((r) => r.ref), signals), teams: teams.filter((t) => t.covered > 0) };
  return new Response(JSON.stringify(body, null, 2) + '\n', { headers: { 'content-type': 'application/json' } });
};
