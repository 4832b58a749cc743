// Where a concern collector keeps an entity's record, by full ref: the catalog's own layout
// (`entities/<ns>/<kind>/<name>.json`), so collectors that write and pages that read agree.
import { entityRecordPath } from '../catalog/content-store.ts';

/** `component:default/web` → `entities/default/component/web.json`. */
export function recordPathOf(ref: string): string {
  return entityRecordPath({ ref });
}
