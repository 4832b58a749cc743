// The worked example of an organisation's own collector (collectors/README.md): who is on call for
// each entity, read from an export another system drops into the shared exports folder. It uses
// the whole contract: the catalog just collected, the per-entity data writer, last good data kept.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Collector } from '../../../collectors/types.ts';

/** What the section reads: `signals.get<OnCall>('oncall').data`. */
export interface OnCall {
  primary: string;
  /** The rota's page (shown as a link only when http/https). */
  scheduleUrl?: string;
}

/** The export: `{ "rotas": [{ "entity": "component:default/web", "primary": "Ada", "scheduleUrl": "https://…" }] }`. */
function parseExport(text: string): { entity: string; oncall: OnCall }[] {
  const parsed = JSON.parse(text) as { rotas?: unknown };
  if (!Array.isArray(parsed.rotas)) throw new Error('expected { "rotas": [ … ] }');
  return parsed.rotas.map((rota: Record<string, unknown>, i) => {
    if (typeof rota?.entity !== 'string' || typeof rota.primary !== 'string') throw new Error(`rotas[${i}] needs "entity" and "primary" strings`);
    return { entity: rota.entity.toLowerCase(), oncall: { primary: rota.primary, ...(typeof rota.scheduleUrl === 'string' ? { scheduleUrl: rota.scheduleUrl } : {}) } };
  });
}

export const collector: Collector = {
  name: 'oncall',
  async collect(context) {
    const file = path.join(context.exportsDir, 'oncall.json');
    const source = { name: `on-call export (${path.basename(file)})` };
    const entities = await context.catalog.entities();
    let rotas: { entity: string; oncall: OnCall }[];
    try {
      rotas = parseExport(await readFile(file, 'utf8'));
    } catch (error) {
      // The whole export failed: every entity keeps what it had, marked stale.
      const message = `${file}: ${(error as Error).message}`;
      let kept = 0;
      for (const entity of entities) if (await context.data.entityFailed(entity.ref, message)) kept++;
      return { items: 0, failures: [{ item: file, message }], partial: kept > 0, stats: { kept } };
    }
    const known = new Set(entities.map((e) => e.ref));
    const failures: { item: string; message: string }[] = [];
    let items = 0;
    for (const { entity, oncall } of rotas) {
      if (!known.has(entity)) {
        failures.push({ item: entity, message: `${file}: not in the catalog` });
        continue;
      }
      await context.data.writeEntity<OnCall>(entity, { source, data: oncall });
      items++;
    }
    await context.data.writeOrganisation('rotas', { source, data: { entities: items } });
    return { items, failures };
  },
};
