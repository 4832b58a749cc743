// The props every entity page section receives, built-in or an organisation's own, and what a
// section may declare about itself (its menu title, whether it has anything to show).
import type { BacklotConfig } from '../../../lib/config/schema.ts';
import type { EntityRecord } from '../../../lib/content/records.ts';
import type { CatalogIndex } from '../../lib/catalog-index.ts';
import type { EntitySignals } from '../../lib/entity-signals.ts';

export interface SectionProps {
  /** The entity the page is about, as the collector wrote it (neighbours resolved in `record.links`). */
  record: EntityRecord;
  /** The whole catalog, indexed (look up other entities with `index.byRef`). */
  index: CatalogIndex;
  /** The validated backlot.config.yaml (`base` as this build uses it). */
  config: BacklotConfig;
  /** What each collector wrote for this entity: `signals.get('ci')` → `{ collectedAt, source, stale?, data }`. */
  signals: EntitySignals;
}

/**
 * Optional `<id>.section.ts` beside a section's `.astro` file: `export const section = { … }`.
 * Without one, the section is listed under its id and always rendered (it may still render nothing).
 */
export interface SectionDeclaration {
  /** The entry in the page's section menu, e.g. `CI`; the section's heading should say the same. */
  title: string;
  /** False when the section has nothing to show for this entity: it is then left out of the menu and the page. */
  hasContent?(props: SectionProps): boolean;
}

/** The anchor of section `id`: its heading's id, which the menu links to. */
export const sectionAnchor = (id: string) => `section-${id}`;
