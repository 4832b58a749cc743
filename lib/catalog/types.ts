// The catalog model's shared types. Backstage's descriptor format, as it is written in
// catalog-info.yaml files, plus what Backlot adds: where each entity came from and its problems.
// This folder imports nothing from src/, collectors/ or cli/: everything else may import it.

/** A link in `metadata.links`. */
export interface EntityLink {
  url: string;
  title?: string;
  icon?: string;
  type?: string;
}

/** `metadata` of any entity (Backstage's envelope); unknown keys are kept. */
export interface EntityMetadata {
  name: string;
  namespace?: string;
  title?: string;
  description?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  tags?: string[];
  links?: EntityLink[];
  [key: string]: unknown;
}

/** A relation as Backstage stores it on the entity: `{ type: 'ownedBy', targetRef: 'group:default/team-a' }`. */
export interface EntityRelation {
  type: string;
  /** Full, lower-cased reference `kind:namespace/name`. */
  targetRef: string;
}

/** One entity, as written in a descriptor (after `$text`/`$json`/`$yaml` substitution). */
export interface Entity {
  apiVersion: string;
  kind: string;
  metadata: EntityMetadata;
  spec?: Record<string, unknown>;
  /** Derived by `assembleCatalog`, never read from the file. */
  relations?: EntityRelation[];
}

/** Where something is: a file on disk or a URL. Backstage's Location `type` names which. */
export interface LocationSpec {
  type: 'file' | 'url';
  /** Absolute path (type `file`) or absolute URL (type `url`). */
  target: string;
}

/** A position in a source file, 1-based like editors and GitHub annotations. */
export interface SourcePosition {
  /** What a person should open: a path relative to the working directory, or a URL. */
  file: string;
  line: number;
  column: number;
}

export type Severity = 'error' | 'warning';

/** A problem found while reading or checking the catalog. Values, not exceptions: collected and shown. */
export interface Problem extends SourcePosition {
  severity: Severity;
  /** Stable identifier of the rule that failed, e.g. `yaml-syntax`, `invalid-name`, `dangling-reference`. */
  rule: string;
  message: string;
  /** What to do about it, in one sentence. */
  hint?: string;
  /** The entity concerned, as `kind:namespace/name`, when known. */
  entityRef?: string;
}

/** An entity read from a file, validated on its own, not yet checked against the others. */
export interface LocatedEntity {
  entity: Entity;
  /** Full reference `kind:namespace/name`, lower-cased. */
  ref: string;
  /** Where the entity's document starts. */
  source: SourcePosition;
  /** The location the file was read from (so relative targets can be resolved again, and links made). */
  location: LocationSpec;
  /** Position of each field path (e.g. `spec.owner`, `spec.dependsOn.1`) in the file, for later problems. */
  positions: Record<string, { line: number; column: number }>;
  /** Fields whose `$text`/`$json`/`$yaml` could not be read: left out of `entity`, with why. */
  unresolved?: UnresolvedField[];
}

/** A placeholder field that could not be resolved; the entity is kept without it. */
export interface UnresolvedField {
  /** Field path, e.g. `spec.definition`. */
  path: string;
  placeholder: '$text' | '$json' | '$yaml';
  /** The target as written. */
  target: string;
  /** The one problem reported for it. */
  message: string;
}

/** An entity in the assembled catalog: relations derived, problems attached. */
export interface CatalogEntity extends LocatedEntity {
  problems: Problem[];
}

/**
 * Where descriptors are read from. The local folder source and the GitHub source implement it,
 * so the catalog model never touches the disk or the network itself.
 */
export interface CatalogSource {
  /**
   * The file's text, or `null` when it does not exist. Throws for any other failure. A source that
   * reads bytes returns what `decodeUtf8` gives (the text, or a `ReadText` when some bytes are not
   * UTF-8), so they are reported with their line instead of silently replaced.
   */
  read(location: LocationSpec): Promise<string | ReadText | null>;
  /**
   * Resolves `target` (a Location target or a `$text` path) relative to the file `base`.
   * Returns `{ error }` for a target the source refuses (leaves its root, unsupported scheme).
   */
  resolve(base: LocationSpec, target: string, type?: string): LocationSpec | ResolveRefusal;
  /** How `location` is shown to a person (relative path or URL). */
  display(location: LocationSpec): string;
}

/** Text decoded from bytes, with where the first byte sequence that is not UTF-8 was (replaced by U+FFFD). */
export interface ReadText {
  text: string;
  notUtf8?: { line: number; column: number };
}

/** Why a target is not read. `notFetched` marks a URL this run does not read (a warning, not an error). */
export interface ResolveRefusal {
  error: string;
  /** The target is a well-formed URL that no reader of this run reads (host not allowed, no network). */
  notFetched?: boolean;
}

/**
 * The hook through which URL targets — `$text`/`$json`/`$yaml` URLs and Location targets of type
 * `url` — are read, as Backstage reads them through its integrations. A source that can read some
 * URLs (the GitHub source: blob and raw URLs on its configured host) provides one; the allow-listed
 * HTTP reader (`collectors/url/`) is another. `withUrlReaders(source, readers)` puts them in front
 * of any CatalogSource; the first reader whose `handles` says yes reads the URL, and a URL no reader
 * handles is reported "not fetched" as a warning.
 */
export interface UrlReader {
  /** Whether this reader reads `url` (decided from the URL alone: host, scheme, path). */
  handles(url: URL): boolean;
  /**
   * The text at `url`, or `null` when nothing is there (HTTP 404). Throws an Error whose message
   * says what went wrong otherwise (refused address, redirect off the allow-list, timeout, too
   * large). Reads at most `maxBytes` bytes: a larger answer is refused, not truncated.
   * A thrown error with `notFetched: true` (no network) is reported as a warning.
   */
  read(url: URL, limits: { maxBytes: number }): Promise<string | ReadText | null>;
}

/** What reading a set of root locations gives. */
export interface ReadResult {
  entities: LocatedEntity[];
  problems: Problem[];
  /** Every file read, as displayed, in the order read. */
  files: string[];
}

/** What assembling the read entities into a catalog gives. */
export interface CatalogResult {
  /** Valid entities, with `entity.relations` derived in both directions. */
  entities: CatalogEntity[];
  /** Every problem, including those of entities that were excluded. */
  problems: Problem[];
}
