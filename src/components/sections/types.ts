// The props every entity page section receives, built-in or an organisation's own.
import type { BacklotConfig } from '../../../lib/config/schema.ts';
import type { EntityRecord } from '../../../lib/content/records.ts';
import type { CatalogIndex } from '../../lib/catalog-index.ts';

export interface SectionProps {
  /** The entity the page is about, as the collector wrote it. */
  record: EntityRecord;
  /** The whole catalog, indexed (look up other entities with `index.byRef`). */
  index: CatalogIndex;
  /** The validated backlot.config.yaml. */
  config: BacklotConfig;
}
