// The hand-off between collecting and rendering: the shape of every file collectors write under
// src/content/generated/. Plain JSON a person can read and diff; each record says where it came
// from and when. src/content.config.ts reads these; collectors write them.
import type { Entity, Problem, SourcePosition, UnresolvedField } from '../catalog/types.ts';
import type { NeighbourRole } from '../catalog/neighbourhood.ts';

/** Folder (relative to the project root) that holds everything collectors write. */
export const GENERATED_DIR = 'src/content/generated';

/**
 * Version of the shape of what collectors write. Raise it when a change means content written
 * before cannot be rendered; the portal refuses content of another version with what to do.
 * 2: records carry `title`, `path` and resolved `links`; meta carries `formatVersion`.
 */
export const CONTENT_FORMAT_VERSION = 2;

/** Another entity as a page shows it, resolved by the collector: pages never parse refs. */
export interface LinkedEntity {
  /** Full, lower-cased ref `kind:namespace/name`. */
  ref: string;
  kind: string;
  /** Its display name (title, profile name, name), or the short ref when the catalog does not hold it. */
  title: string;
  /** Its page, relative to the portal's base (`catalog/default/group/team-a/`); absent when not in the catalog. */
  path?: string;
  /** Set when reached through another neighbour (a component's domain, through its system). */
  via?: NeighbourRole;
}

/** The entity's resolved neighbourhood (Backstage's owner, system, domain and parent). */
export type EntityLinks = Partial<Record<NeighbourRole, LinkedEntity>>;

/** `catalog/entities/<namespace>/<kind>/<name>.json`, one per valid entity. */
export interface EntityRecord {
  /** `kind:namespace/name`, lower-cased: the entity's identity and URL (`/catalog/<namespace>/<kind>/<name>/`). */
  ref: string;
  kind: string;
  namespace: string;
  name: string;
  /** What a person calls it: title, else profile display name, else name. */
  title: string;
  /** Its page, relative to the portal's base: `catalog/<namespace>/<kind>/<name>/`. */
  path: string;
  /** Owner, system, domain, parent: full ref, title and page, resolved at collect time. */
  links: EntityLinks;
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
  /** CONTENT_FORMAT_VERSION of the backlot that wrote it. */
  formatVersion: number;
  collectedAt: string;
  /** `local` or `github`. */
  source: string;
  /** What was read: the root locations, or the organisation. */
  origin: string;
  entityCount: number;
  countsByKind: Record<string, number>;
  problemCounts: { error: number; warning: number };
  filesRead: number;
  /**
   * Written by earlier versions only: timings live in collect-report.json, so the same
   * organisation collected twice (or in shards, then merged) gives the same bytes.
   */
  durationMs?: number;
  /** Key of the source settings that produced this content (organisation, host, filters …): content of another key is never carried over. */
  sourceKey?: string;
}

/** `catalog/problems.json`: every problem, including those of excluded entities. */
export type ProblemsFile = Problem[];
