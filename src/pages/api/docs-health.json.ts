// Docs health of every entity with docs (has docs, pages, last updated, broken links), and per
// owning team, as JSON for scorecards and other tools.
import type { APIRoute } from 'astro';
import { catalogIndex } from '../../lib/catalog-content.ts';
import { ownerRef } from '../../lib/catalog-index.ts';
import { docsHealth, docsRecords } from '../../lib/docs-content.ts';

export const GET: APIRoute = async () => {
  const index = await catalogIndex();
  const entities = await Promise.all([...docsRecords().keys()].sort().map((ref) => docsHealth(ref)));
  const teams: Record<string, { entities: number; withDocs: number; pages: number; brokenLinks: number; lastUpdated?: string }> = {};
  for (const health of entities) {
    const record = index.byRef.get(health.ref);
    const owner = (record && ownerRef(record)) || 'unowned';
    const team = (teams[owner] ??= { entities: 0, withDocs: 0, pages: 0, brokenLinks: 0 });
    team.entities++;
    if (health.hasDocs) team.withDocs++;
    team.pages += health.pages;
    team.brokenLinks += health.brokenLinks;
    if (health.lastUpdated && (!team.lastUpdated || health.lastUpdated > team.lastUpdated)) team.lastUpdated = health.lastUpdated;
  }
  const byTeam = Object.entries(teams).sort(([a], [b]) => a.localeCompare(b)).map(([owner, t]) => ({ owner, ...t }));
  return new Response(JSON.stringify({ entities, teams: byTeam }, null, 2), { headers: { 'Content-Type': 'application/json' } });
};
