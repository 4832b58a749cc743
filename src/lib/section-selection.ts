// Which sections an entity page shows, in config order: the plugin point of the entity page.
// Pure, so the rule (kinds filter, own sections override built-ins, unknown ids reported, empty
// sections left out) is tested.
import type { SectionConfig } from '../../lib/config/schema.ts';

/** What a section may declare (src/components/sections/types.ts has the documented shape). */
export interface Declaration<P> {
  title: string;
  hasContent?(props: P): boolean;
}

export interface SelectedSection<T> {
  id: string;
  /** Menu entry: the declared title, else the id in words. */
  title: string;
  component: T;
}

/** `api-definition` → `Api definition`: the title of a section that declares none. */
export function titleFromId(id: string): string {
  const words = id.replace(/-/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/**
 * The component of `id`: an organisation's own (`src/sections/<id>.astro`) first, then the built-in,
 * each with its own declaration (an own section never inherits the built-in's). Sections that
 * declare they have nothing to show for `props` are left out.
 */
export function selectSections<T, P>(
  sections: SectionConfig[],
  kind: string,
  builtIn: Record<string, T>,
  own: Record<string, T>,
  declarations: { builtIn: Record<string, Declaration<P>>; own: Record<string, Declaration<P>> } = { builtIn: {}, own: {} },
  props?: P,
): { selected: SelectedSection<T>[]; unknown: string[] } {
  const selected: SelectedSection<T>[] = [];
  const unknown: string[] = [];
  const lowerKind = kind.toLowerCase();
  for (const section of sections) {
    const isOwn = section.id in own;
    const component = isOwn ? own[section.id] : builtIn[section.id];
    if (!component) {
      unknown.push(section.id);
      continue;
    }
    if (section.kinds.length > 0 && !section.kinds.some((k) => k.toLowerCase() === lowerKind)) continue;
    const declaration = isOwn ? declarations.own[section.id] : declarations.builtIn[section.id];
    if (props !== undefined && declaration?.hasContent && !declaration.hasContent(props)) continue;
    selected.push({ id: section.id, title: declaration?.title ?? titleFromId(section.id), component });
  }
  return { selected, unknown };
}

const idOf = (file: string, suffix: RegExp) => file.slice(file.lastIndexOf('/') + 1).replace(suffix, '');

/** `{ '<dir>/about.astro': module }` (from import.meta.glob) → `{ about: default export }`. */
export function componentsById<T>(modules: Record<string, { default: T }>): Record<string, T> {
  const byId: Record<string, T> = {};
  for (const [file, module] of Object.entries(modules)) byId[idOf(file, /\.astro$/)] = module.default;
  return byId;
}

/** `{ '<dir>/cost.section.ts': { section } }` → `{ cost: section }`; a file without `section` fails naming it. */
export function declarationsById<D>(modules: Record<string, { section?: D }>): Record<string, D> {
  const byId: Record<string, D> = {};
  for (const [file, module] of Object.entries(modules)) {
    if (!module.section) throw new Error(`${file}: export const section = { title: '…', hasContent(props) { … } }`);
    byId[idOf(file, /\.section\.ts$/)] = module.section;
  }
  return byId;
}
