// Which sections an entity page shows, in config order: the plugin point of the entity page.
// Pure, so the rule (kinds filter, own sections override built-ins, unknown ids reported) is tested.
import type { SectionConfig } from '../../lib/config/schema.ts';

export interface SelectedSection<T> {
  id: string;
  component: T;
}

/** The component of `id`: an organisation's own (`src/sections/<id>.astro`) first, then the built-in. */
export function selectSections<T>(
  sections: SectionConfig[],
  kind: string,
  builtIn: Record<string, T>,
  own: Record<string, T>,
): { selected: SelectedSection<T>[]; unknown: string[] } {
  const selected: SelectedSection<T>[] = [];
  const unknown: string[] = [];
  const lowerKind = kind.toLowerCase();
  for (const section of sections) {
    const component = own[section.id] ?? builtIn[section.id];
    if (!component) {
      unknown.push(section.id);
      continue;
    }
    if (section.kinds.length > 0 && !section.kinds.some((k) => k.toLowerCase() === lowerKind)) continue;
    selected.push({ id: section.id, component });
  }
  return { selected, unknown };
}

/** `{ '<dir>/about.astro': module }` (from import.meta.glob) → `{ about: default export }`. */
export function componentsById<T>(modules: Record<string, { default: T }>): Record<string, T> {
  const byId: Record<string, T> = {};
  for (const [file, module] of Object.entries(modules)) {
    const id = file.slice(file.lastIndexOf('/') + 1).replace(/\.astro$/, '');
    byId[id] = module.default;
  }
  return byId;
}
