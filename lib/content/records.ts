// The hand-off between collecting and rendering: the shape of every file collectors write under
// src/content/generated/. Plain JSON a person can read and diff; each record says where it came
// from and when. src/content.config.ts reads these; collectors write them.
import type { Entity, Problem, SourcePosition, UnresolvedField } from '../catalog/types.ts';

/** Folder (relative to the project root) that holds everything collectors write. */
export const GENERATED_DIR = 'src/content/generated';

/** `catalog/entities/<namespace>/<kind>/<name>.json`, one per valid entity. */
export interface EntityRecord {
  /** `kind:namespace/name`, lower-cased: the entity's identity and URL (`/catalog/<namespace>/<kind>/<name>/`). */
  ref: string;
  kind: string;
  namespace: string;
  name: string;
  /** The entity as written, substitutions resolved, `relations` derived in both directions. */
  entity: Entity;
  /** The descriptor document's start; `url` links to it when the source knows one (GitHub blob URL). */
  source: SourcePosition & { url?: string };
  /** Problems of this entity (warnings, and errors of its references) — invalid entities are excluded. */
  problems: Problem[];
  /** Fields whose `$text`/`$json`/`$yaml` could not be read: left out of `entity`, with why. */
  unresolved?: UnresolvedField[];
  /** ISO time of the run that read it. */
  collectedAt: string;
  /** `owner/name` of the GitHub repository it came from, if any. */
  repository?: string;
  /** Set when this record is last good data kept after a failed read. */
  stale?: StaleMark;
}

/** Marks data kept from an earlier run because the latest read failed. */
export interface StaleMark {
  /** Why the latest read failed. */
  error: string;
  /** ISO time of the failed attempt. */
  failedAt: string;
  /** ISO time of the last successful read, whose data this is. */
  lastSuccessAt: string;
}

/** `catalog/meta.json`: one per run. */
export interface CatalogMeta {
  collectedAt: string;
  /** `local` or `github`. */
  source: string;
  /** What was read: the root locations, or the organisation. */
  origin: string;
  entityCount: number;
  countsByKind: Record<string, number>;
  problemCounts: { error: number; warning: number };
  filesRead: number;
  durationMs: number;
  /** Key of the source settings that produced this content (organisation, host, filters …): content of another key is never carried over. */
  sourceKey?: string;
}

/** `catalog/problems.json`: every problem, including those of excluded entities. */
export type ProblemsFile = Problem[];
