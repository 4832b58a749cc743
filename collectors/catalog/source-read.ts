// What a source (a local folder, a GitHub organisation, or the shards of one) hands the catalog
// collector before assembly: entities with where they came from, and the problems of reading them.
import type { LocatedEntity, Problem } from '../../lib/catalog/types.ts';
import type { StaleMark } from '../../lib/content/records.ts';
import type { CollectorReport } from '../types.ts';

export interface SourceRead {
  entities: {
    located: LocatedEntity;
    repository?: string;
    sourceUrl?: string;
    stale?: StaleMark;
    /** The repository whose descriptors led to it (GitHub source): orders a merge of shards as one read orders it. */
    readFrom?: string;
  }[];
  problems: Problem[];
  filesRead: number;
  origin: string;
  /** Key of the settings that produced the read: content of another key is not carried over. */
  sourceKey: string;
  report?: CollectorReport;
  /** The source could not establish what exists (the organisation was not listed): keep everything as it was. */
  unlisted?: { kind: string; message: string; fix: string };
  /** The source's cache was made under other settings and was cleared (what changed). */
  settingsChange?: string;
}
