// The one entry point for pages: an API entity's `spec.type` and `spec.definition` in, a view
// model out. It never throws: whatever the definition holds, the page gets something to show.
import { buildAsyncApiView } from './asyncapi.ts';
import { buildGraphqlView } from './graphql.ts';
import { buildOpenApiView } from './openapi.ts';
import { DEFAULT_MAX_DEFINITION_CHARS, formatSize, parseDefinitionText } from './parseDefinitionText.ts';
import type { ApiDefinitionModel, ApiView } from './types.ts';

export interface BuildApiDefinitionOptions {
  /** Largest definition rendered as a reference (characters); larger ones are shown raw. */
  maxChars?: number;
  /** Most nodes per schema tree. */
  maxSchemaNodes?: number;
}

/** Builds what `ApiDefinition.astro` renders for one API entity. */
export function buildApiDefinition(type: unknown, definition: unknown, options: BuildApiDefinitionOptions = {}): ApiDefinitionModel {
  const started = performance.now();
  const raw = definitionText(definition);
  const apiType = typeof type === 'string' ? type.trim().toLowerCase() : '';
  const maxChars = options.maxChars ?? DEFAULT_MAX_DEFINITION_CHARS;
  let view: ApiView;
  let rawLang: ApiDefinitionModel['rawLang'] = 'text';
  try {
    if (apiType === 'openapi' || apiType === 'asyncapi') {
      const parsed = parseDefinitionText(raw, maxChars);
      rawLang = parsed.format;
      if (!parsed.ok) view = { kind: 'raw', notices: [parsed.notice] };
      else if (apiType === 'openapi') view = buildOpenApiView(parsed.document, options);
      else view = buildAsyncApiView(parsed.document, options);
    } else if (apiType === 'graphql') {
      rawLang = 'graphql';
      view =
        raw.length > maxChars
          ? { kind: 'raw', notices: [{ level: 'warning', message: `The schema is ${formatSize(raw.length)}, over the ${formatSize(maxChars)} limit for a rendered reference; only the raw definition is shown.` }] }
          : buildGraphqlView(raw);
    } else if (apiType === 'grpc') {
      rawLang = 'proto';
      view = { kind: 'raw', notices: [] };
    } else {
      view = {
        kind: 'raw',
        notices: [{ level: 'info', message: apiType ? `Definitions of type "${apiType}" are shown as raw text.` : 'This API has no `spec.type`; its definition is shown as raw text.' }],
      };
    }
  } catch (cause) {
    // A bug of ours must not fail the whole portal build: say so and fall back to the raw text.
    view = { kind: 'raw', notices: [{ level: 'error', message: `The definition could not be rendered: ${(cause as Error)?.message ?? String(cause)}` }] };
  }
  if (raw.trim() === '' && view.kind === 'raw' && view.notices.length === 0) view.notices.push({ level: 'info', message: 'This API has no definition.' });
  return { view, raw, rawLang, buildMs: performance.now() - started };
}

/** `spec.definition` is text in Backstage; an object (written inline in YAML) is shown as JSON. */
function definitionText(definition: unknown): string {
  if (typeof definition === 'string') return definition;
  if (definition === undefined || definition === null) return '';
  try {
    return JSON.stringify(definition, null, 2);
  } catch {
    return String(definition);
  }
}
