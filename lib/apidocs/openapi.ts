// OpenAPI 3.0/3.1 documents normalised into a reference a reader can scan top to bottom: servers,
// operations grouped by tag, their parameters and bodies, then the named schemas. Swagger 2.0 is
// recognised and sent to the raw view with a notice rather than misread as OpenAPI 3.
import { createAnchorRegistry } from './anchors.ts';
import { dict, isDict, list, str, type Dict } from './objects.ts';
import { derefChain, escapePointerSegment, refName } from './resolveRef.ts';
import { toRichText } from './richText.ts';
import { buildSchemaTree, describeSchemaType, type SchemaTreeOptions } from './schemaTree.ts';
import type {
  DefinitionNotice,
  MediaTypeView,
  NamedSchemaView,
  OpenApiView,
  OperationGroup,
  OperationView,
  ParameterView,
  RawOnlyView,
  ResponseView,
  ServerView,
} from './types.ts';

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;
const SCHEMA_PREFIX = '#/components/schemas/';
const WEBHOOKS_GROUP = 'Webhooks';

export interface OpenApiViewOptions {
  /** Most nodes in one schema tree (see `buildSchemaTree`). */
  maxSchemaNodes?: number;
  maxSchemaDepth?: number;
  /** Depth from which named schemas inside operations are linked rather than expanded. */
  linkRefsFromDepth?: number;
}

/** Bodies show two levels of named schemas in place; deeper ones link to the Schemas section. */
const DEFAULT_LINK_REFS_FROM_DEPTH = 3;

/** Builds the reference view of an OpenAPI 3.x document; anything else gives a raw-only view with why. */
export function buildOpenApiView(document: unknown, options: OpenApiViewOptions = {}): OpenApiView | RawOnlyView {
  if (!isDict(document)) {
    return rawOnly('error', 'This is not an OpenAPI document: expected an object with an `openapi` field at the top.');
  }
  if (document.swagger !== undefined) {
    return rawOnly(
      'info',
      `This is a Swagger ${str(document.swagger, '2.0')} definition. Only OpenAPI 3.0 and 3.1 are rendered as a reference; convert it (for example with swagger2openapi) to see one.`,
    );
  }
  const specVersion = str(document.openapi);
  if (!/^3\.\d+/.test(specVersion)) {
    return rawOnly(
      'error',
      specVersion
        ? `Unsupported OpenAPI version "${specVersion}": only 3.0 and 3.1 are rendered.`
        : 'This is not an OpenAPI document: the `openapi` field (e.g. `openapi: 3.1.0`) is missing.',
    );
  }

  const notices: DefinitionNotice[] = [];
  const anchor = createAnchorRegistry();
  const components = dict(document.components);

  // Schema anchors first, so operations can link to them.
  const schemaAnchors = new Map<string, string>();
  for (const name of Object.keys(dict(components.schemas))) schemaAnchors.set(`${SCHEMA_PREFIX}${escapePointerSegment(name)}`, anchor('schema', name));
  const anchorForRef = (ref: string) => schemaAnchors.get(ref) ?? schemaAnchors.get(safeDecode(ref));
  const treeOptions: SchemaTreeOptions = {
    root: document,
    linkRefsFromDepth: options.linkRefsFromDepth ?? DEFAULT_LINK_REFS_FROM_DEPTH,
    anchorForRef,
    maxNodes: options.maxSchemaNodes,
    maxDepth: options.maxSchemaDepth,
  };

  const info = dict(document.info);
  const operations = [
    ...collectOperations(document, document.paths, treeOptions, anchor, notices),
    // OpenAPI 3.1 webhooks: requests the API sends, keyed by name instead of path; shown in their own group.
    ...collectOperations(document, document.webhooks, treeOptions, anchor, notices, WEBHOOKS_GROUP),
  ];
  const groups = groupByTag(document, operations, anchor);

  const schemas: NamedSchemaView[] = Object.entries(dict(components.schemas)).map(([name, schema]) => ({
    name,
    id: schemaAnchors.get(`${SCHEMA_PREFIX}${escapePointerSegment(name)}`) ?? anchor('schema', name),
    // Walked as itself (not through its $ref) so its type reads `object`, yet a self-reference is still a cycle.
    schema: buildSchemaTree(schema, { ...treeOptions, linkRefsFromDepth: 1 }, '', [`${SCHEMA_PREFIX}${escapePointerSegment(name)}`]),
  }));

  const securitySchemes = Object.entries(dict(components.securitySchemes)).map(([name, raw]) => {
    const scheme = dict(derefChain(document, raw).value);
    const detail = [str(scheme.type), str(scheme.scheme), str(scheme.in) && `in ${str(scheme.in)}`, str(scheme.name)].filter(Boolean).join(' ');
    return { name, type: detail, description: toRichText(scheme.description) };
  });

  if (operations.length === 0) notices.push({ level: 'info', message: 'This definition declares no operations.' });

  return {
    kind: 'openapi',
    specVersion,
    info: { title: str(info.title, 'Untitled API'), version: str(info.version), description: toRichText(info.description) },
    servers: list(document.servers).filter(isDict).map(toServer),
    groups,
    schemas,
    securitySchemes,
    notices,
    operationCount: operations.length,
  };
}

function rawOnly(level: DefinitionNotice['level'], message: string): RawOnlyView {
  return { kind: 'raw', notices: [{ level, message }] };
}

function toServer(server: Dict): ServerView {
  const variables = Object.entries(dict(server.variables))
    .map(([name, v]) => `${name} = ${str(dict(v).default)}`)
    .join(', ');
  const description = str(server.description) + (variables ? `${server.description ? '\n\n' : ''}Variables: ${variables}` : '');
  return { url: str(server.url, '/'), description: toRichText(description) };
}

interface TaggedOperation {
  tag: string;
  view: OperationView;
}

function collectOperations(
  document: Dict,
  pathItems: unknown,
  treeOptions: SchemaTreeOptions,
  anchor: (prefix: string, text: string) => string,
  notices: DefinitionNotice[],
  group?: string,
): TaggedOperation[] {
  const operations: TaggedOperation[] = [];
  for (const [path, rawItem] of Object.entries(dict(pathItems))) {
    const resolvedItem = derefChain(document, rawItem);
    if (resolvedItem.failure) {
      notices.push({ level: 'warning', message: `Path ${path}: its $ref ${resolvedItem.failure.ref} could not be resolved (${resolvedItem.failure.reason}).` });
      continue;
    }
    const item = dict(resolvedItem.value);
    const sharedParameters = list(item.parameters);
    for (const method of METHODS) {
      if (!isDict(item[method])) continue;
      const operation = item[method];
      const operationId = str(operation.operationId) || undefined;
      const view: OperationView = {
        id: anchor(group ? 'webhook' : 'op', operationId ?? `${method} ${path}`),
        method: method.toUpperCase(),
        path,
        operationId,
        summary: str(operation.summary),
        description: toRichText(operation.description),
        deprecated: operation.deprecated === true,
        parameters: mergeParameters(sharedParameters, list(operation.parameters), document, treeOptions),
        requestBody: toRequestBody(operation.requestBody, document, treeOptions),
        responses: Object.entries(dict(operation.responses)).map(([status, raw]) => toResponse(status, raw, document, treeOptions)),
        security: list(operation.security ?? document.security).flatMap((requirement) => Object.keys(dict(requirement))),
      };
      const tags = list(operation.tags).map((t) => str(t)).filter(Boolean);
      // An operation shows under its first tag only, so each has one anchor on the page.
      operations.push({ tag: group ?? tags[0] ?? 'default', view });
    }
  }
  return operations;
}

/** Path-level parameters apply to every operation unless the operation redefines the same name and location. */
function mergeParameters(shared: unknown[], own: unknown[], document: Dict, treeOptions: SchemaTreeOptions): ParameterView[] {
  const byKey = new Map<string, ParameterView>();
  for (const raw of [...shared, ...own]) {
    const parameter = toParameter(raw, document, treeOptions);
    byKey.set(`${parameter.in}:${parameter.name}`, parameter);
  }
  return [...byKey.values()];
}

function toParameter(raw: unknown, document: Dict, treeOptions: SchemaTreeOptions, location?: string): ParameterView {
  const resolved = derefChain(document, raw);
  if (resolved.failure) {
    return {
      name: refName(resolved.failure.ref),
      in: location ?? '?',
      required: false,
      deprecated: false,
      type: 'unresolved',
      description: toRichText(`Reference ${resolved.failure.ref} could not be resolved (${resolved.failure.reason}).`),
    };
  }
  const parameter = dict(resolved.value);
  // A parameter has either `schema` or `content` (one media type with a schema).
  const schema = parameter.schema ?? dict(Object.values(dict(parameter.content))[0]).schema;
  const tree = schema === undefined ? undefined : buildSchemaTree(schema, treeOptions, str(parameter.name));
  return {
    name: str(parameter.name, '(unnamed)'),
    in: location ?? str(parameter.in, '?'),
    required: parameter.required === true || parameter.in === 'path',
    deprecated: parameter.deprecated === true,
    type: schema === undefined ? '' : describeSchemaType(schema, document),
    description: toRichText(parameter.description),
    schema: tree && (tree.children.length > 0 || tree.enumValues.length > 0 || tree.constraints.length > 0) ? tree : undefined,
  };
}

function toContent(content: unknown, treeOptions: SchemaTreeOptions): MediaTypeView[] {
  return Object.entries(dict(content)).map(([contentType, media]) => {
    const schema = dict(media).schema;
    return { contentType, schema: schema === undefined ? undefined : buildSchemaTree(schema, treeOptions) };
  });
}

function toRequestBody(raw: unknown, document: Dict, treeOptions: SchemaTreeOptions): OperationView['requestBody'] {
  if (raw === undefined) return undefined;
  const resolved = derefChain(document, raw);
  if (resolved.failure) {
    return { required: false, description: toRichText(`Reference ${resolved.failure.ref} could not be resolved (${resolved.failure.reason}).`), content: [] };
  }
  const body = dict(resolved.value);
  return { required: body.required === true, description: toRichText(body.description), content: toContent(body.content, treeOptions) };
}

function toResponse(status: string, raw: unknown, document: Dict, treeOptions: SchemaTreeOptions): ResponseView {
  const resolved = derefChain(document, raw);
  if (resolved.failure) {
    return { status, description: toRichText(`Reference ${resolved.failure.ref} could not be resolved (${resolved.failure.reason}).`), content: [], headers: [] };
  }
  const response = dict(resolved.value);
  return {
    status,
    description: toRichText(response.description),
    content: toContent(response.content, treeOptions),
    headers: Object.entries(dict(response.headers)).map(([name, header]) => ({
      ...toParameter(isDict(header) && !('$ref' in header) ? { ...header, name } : header, document, treeOptions, 'header'),
      name,
    })),
  };
}

/** Tags in the order the document lists them, then the ones only operations mention, then `default`. */
function groupByTag(document: Dict, operations: TaggedOperation[], anchor: (prefix: string, text: string) => string): OperationGroup[] {
  const declared = new Map<string, Dict>();
  for (const tag of list(document.tags)) if (isDict(tag) && typeof tag.name === 'string') declared.set(tag.name, tag);
  const order = [...declared.keys()];
  for (const { tag } of operations) if (!order.includes(tag) && tag !== 'default' && tag !== WEBHOOKS_GROUP) order.push(tag);
  for (const last of ['default', WEBHOOKS_GROUP]) if (!order.includes(last)) order.push(last);
  return order
    .map((name) => ({
      name,
      id: anchor('tag', name),
      description: toRichText(declared.get(name)?.description),
      operations: operations.filter((o) => o.tag === name).map((o) => o.view),
    }))
    .filter((group) => group.operations.length > 0);
}

function safeDecode(ref: string): string {
  try {
    return decodeURIComponent(ref);
  } catch {
    return ref;
  }
}
