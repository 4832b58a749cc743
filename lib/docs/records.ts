// The docs hand-off between the docs collector and the portal: one JSON file per entity under
// src/content/generated/docs/entities/, plus content-addressed images under docs/assets/.
// Author-chosen names (files, tags) are data inside the record, never the names of files we write.

/** `docs/entities/<namespace>/<kind>/<name>.json`. */
export interface DocsRecord {
  /** The entity whose docs these are (lower-cased ref, as in the catalog). */
  ref: string;
  /** The default branch first, then release tags, newest first. */
  versions: DocsVersion[];
  /** Problems that are not about one version (annotation unreadable, folder missing). */
  problems: DocsProblem[];
  collectedAt: string;
  /** The repository's folder (relative to the project root) or URL: page problems are relative to it. */
  source?: string;
  /** Set by backstage.io/techdocs-entity: these docs are that entity's. */
  sharedFrom?: string;
  /** Set when this is last good data kept after a failed read. */
  stale?: { error: string; failedAt: string; lastSuccessAt: string };
}

export interface DocsVersion {
  /** URL segment: `''` for the default branch, else a slug of the tag. */
  slug: string;
  /** What the switcher shows: the branch or tag name. */
  label: string;
  isDefault: boolean;
  siteName: string;
  nav: NavItem[];
  pages: DocsPage[];
  /** Docs-relative path of an image or file → its stored asset. */
  assets: Record<string, DocsAsset>;
  problems: DocsProblem[];
  /** How "edit this page" links are made: base URL to which a page's repository path is appended. */
  editBase?: string;
  /** What last-updated dates come from, e.g. `git log` or the GitHub API. */
  lastUpdatedFrom: string;
}

export interface NavItem {
  title: string;
  /** Docs-relative path of a Markdown page. */
  page?: string;
  /** External link. */
  url?: string;
  children?: NavItem[];
}

export interface DocsPage {
  /** Path relative to the docs folder, e.g. `guides/setup.md`. */
  path: string;
  /** Path relative to the repository root, for edit links and problems. */
  repoPath: string;
  markdown: string;
  /** Last commit that touched the file, when the source knows it. */
  lastUpdated?: { at: string; commit?: string };
}

export interface DocsAsset {
  /** `<sha256>.<ext>` under docs/assets/. */
  file: string;
  bytes: number;
}

export interface DocsProblem {
  severity: 'error' | 'warning';
  /** Repository-relative file, or the descriptor. */
  file: string;
  line: number;
  message: string;
}

/** Ids of the folders under src/content/generated/docs/. */
export const DOCS_ENTITIES_DIR = 'entities';
export const DOCS_ASSETS_DIR = 'assets';

/** Image and file types published from a docs folder, by extension. Others are ignored. */
export const ASSET_TYPES: Record<string, string> = {
  png: 'image/png', jpg: 'image/jpeg', jpeg: 'image/jpeg', gif: 'image/gif', webp: 'image/webp', avif: 'image/avif', svg: 'image/svg+xml', pdf: 'application/pdf',
};
