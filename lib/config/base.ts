// The one place that knows how the portal's base path is written (Starlight's utils/base.ts):
// always `/…/` with both slashes, and every portal URL built by prefixing it.

/** `/portal`, `portal/` or `/portal/` → `/portal/`; empty → `/`. */
export function normaliseBase(base: string): string {
  const trimmed = base.replace(/^\/+|\/+$/g, '');
  return trimmed === '' ? '/' : `/${trimmed}/`;
}

/** `path` (relative to the portal root, with or without a leading slash) under `base`. */
export function pathWithBase(base: string, path = ''): string {
  return `${normaliseBase(base)}${path.replace(/^\/+/, '')}`;
}
