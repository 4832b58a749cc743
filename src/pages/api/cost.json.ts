// The organisation's cost as JSON (the /cost/ page's twin): totals, teams, movers, the
// unallocated rest and the rows read, allocated and skipped. Amounts are exact decimal strings.
import type { APIRoute } from 'astro';
import { costSummary } from '../../lib/concern-content.ts';

export const GET: APIRoute = () => {
  const summary = costSummary() ?? { collectedAt: null, note: 'no cost collected: add cost to collectors in backlot.config.yaml' };
  // The envelope as written: { collectedAt, source, stale?, data }.
  return new Response(JSON.stringify(summary, null, 2), { headers: { 'content-type': 'application/json' } });
};
