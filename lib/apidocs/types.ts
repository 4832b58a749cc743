// The view models that API definition components render. Plain data, already safe to print as
// text: no field holds HTML, so components never need `set:html` for anything from a definition.

/** A run of inline text inside a description. Links are only ever http(s) or mailto. */
export type RichInline =
  | { kind: 'text'; text: string }
  | { kind: 'code'; text: string }
  | { kind: 'strong'; text: string }
  | { kind: 'link'; text: string; href: string };

/** A block of a description (Markdown, reduced to what can be shown without executing anything). */
export type RichBlock =
  | { kind: 'paragraph'; inlines: RichInline[] }
  | { kind: 'heading'; inlines: RichInline[] }
  | { kind: 'list'; items: RichInline[][] }
  | { kind: 'code'; text: string };

/** A description (Markdown in OpenAPI/AsyncAPI/GraphQL) as blocks; empty when there is none. */
export type RichText = RichBlock[];

/** A problem found while reading a definition, shown to the reader. */
export interface DefinitionNotice {
  level: 'error' | 'warning' | 'info';
  message: string;
  /** Line and column (1-based) in the raw definition, when known. */
  line?: number;
  column?: number;
}

/** One node of a schema shown as a nested tree. */
export interface SchemaNode {
  /** Property name, `items`, `oneOf 1`, … ; empty for a root. */
  name: string;
  /** Human-readable type: `string`, `integer (int64)`, `array of Pet`, `string | null`. */
  type: string;
  required: boolean;
  nullable: boolean;
  deprecated: boolean;
  readOnly: boolean;
  writeOnly: boolean;
  description: RichText;
  /** Allowed values, printed as JSON. */
  enumValues: string[];
  /** Other facts worth a glance: `default: 10`, `maxLength: 64`, `pattern: ^a`, `const: "x"`. */
  constraints: string[];
  /** Name and page anchor of the component this node was `$ref`'d from. */
  refName?: string;
  refAnchor?: string;
  /** Composition keyword when the children are alternatives or parts: `oneOf`, `anyOf`, `allOf`. */
  combinator?: 'oneOf' | 'anyOf' | 'allOf';
  /** Why the node is not expanded further: a cycle, the depth limit, an external `$ref` … */
  stop?: { reason: 'cycle' | 'depth' | 'budget' | 'external' | 'unresolved' | 'collapsed'; detail: string };
  children: SchemaNode[];
}

/** A parameter of an operation (or an AsyncAPI channel). */
export interface ParameterView {
  name: string;
  in: string;
  required: boolean;
  deprecated: boolean;
  type: string;
  description: RichText;
  schema?: SchemaNode;
}

/** A body under one media type. */
export interface MediaTypeView {
  contentType: string;
  schema?: SchemaNode;
}

export interface ResponseView {
  status: string;
  description: RichText;
  content: MediaTypeView[];
  headers: ParameterView[];
}

export interface OperationView {
  /** Page anchor, unique within the definition. */
  id: string;
  method: string;
  path: string;
  operationId?: string;
  summary: string;
  description: RichText;
  deprecated: boolean;
  parameters: ParameterView[];
  requestBody?: { required: boolean; description: RichText; content: MediaTypeView[] };
  responses: ResponseView[];
  /** Names of security schemes that apply (`[]` means explicitly none). */
  security: string[];
}

export interface OperationGroup {
  /** Tag name, or `default` for untagged operations. */
  name: string;
  id: string;
  description: RichText;
  operations: OperationView[];
}

export interface ServerView {
  url: string;
  description: RichText;
  /** AsyncAPI: protocol (`kafka`, `mqtt` …). */
  protocol?: string;
  name?: string;
}

export interface NamedSchemaView {
  name: string;
  id: string;
  schema: SchemaNode;
}

export interface InfoView {
  title: string;
  version: string;
  description: RichText;
}

export interface OpenApiView {
  kind: 'openapi';
  /** `3.0.3`, `3.1.0` … */
  specVersion: string;
  info: InfoView;
  servers: ServerView[];
  groups: OperationGroup[];
  schemas: NamedSchemaView[];
  securitySchemes: { name: string; type: string; description: RichText }[];
  notices: DefinitionNotice[];
  operationCount: number;
}

export interface AsyncMessageView {
  id: string;
  name: string;
  title: string;
  summary: string;
  description: RichText;
  contentType?: string;
  payload?: SchemaNode;
  headers?: SchemaNode;
}

export interface AsyncOperationView {
  id: string;
  /** `publish`/`subscribe` (AsyncAPI 2) or `send`/`receive` (AsyncAPI 3). */
  action: string;
  operationId?: string;
  summary: string;
  description: RichText;
  messages: AsyncMessageView[];
}

export interface ChannelView {
  id: string;
  /** Channel name (AsyncAPI 2) or key (AsyncAPI 3). */
  name: string;
  /** Address (AsyncAPI 3), or the name again (AsyncAPI 2). */
  address: string;
  description: RichText;
  parameters: ParameterView[];
  operations: AsyncOperationView[];
  /** Messages the channel carries that no operation lists (AsyncAPI 3). */
  messages: AsyncMessageView[];
}

export interface AsyncApiView {
  kind: 'asyncapi';
  specVersion: string;
  info: InfoView;
  servers: ServerView[];
  channels: ChannelView[];
  notices: DefinitionNotice[];
}

/** A GraphQL type reference split so the named type can link to its anchor: `[` `User` `!]!`. */
export interface GraphqlTypeRef {
  prefix: string;
  name: string;
  suffix: string;
  /** Anchor of the named type when it is defined in this document. */
  anchor?: string;
}

export interface GraphqlArgumentView {
  name: string;
  type: GraphqlTypeRef;
  defaultValue?: string;
  description: RichText;
  deprecated?: string;
}

export interface GraphqlFieldView {
  name: string;
  type: GraphqlTypeRef;
  args: GraphqlArgumentView[];
  description: RichText;
  /** Deprecation reason, when deprecated. */
  deprecated?: string;
}

export type GraphqlTypeKind = 'object' | 'input' | 'enum' | 'interface' | 'union' | 'scalar';

export interface GraphqlTypeView {
  id: string;
  name: string;
  kind: GraphqlTypeKind;
  description: RichText;
  /** Fields (object, interface), input fields (input). */
  fields: GraphqlFieldView[];
  /** Enum values, as fields without type. */
  values: { name: string; description: RichText; deprecated?: string }[];
  /** Union members and implemented interfaces. */
  members: GraphqlTypeRef[];
  interfaces: GraphqlTypeRef[];
}

export interface GraphqlTypeGroup {
  /** `Operations`, `Object types`, `Input types` … */
  title: string;
  id: string;
  types: GraphqlTypeView[];
}

export interface GraphqlView {
  kind: 'graphql';
  groups: GraphqlTypeGroup[];
  directives: { name: string; signature: string; description: RichText }[];
  notices: DefinitionNotice[];
}

/** Raw view only: gRPC, unknown types, Swagger 2, definitions too large or broken. */
export interface RawOnlyView {
  kind: 'raw';
  notices: DefinitionNotice[];
}

export type ApiView = OpenApiView | AsyncApiView | GraphqlView | RawOnlyView;

/** What the page renders: the structured view and the raw text with its highlighting language. */
export interface ApiDefinitionModel {
  view: ApiView;
  raw: string;
  /** Shiki language for the raw view (`yaml`, `json`, `graphql`, `proto`) or `text`. */
  rawLang: 'yaml' | 'json' | 'graphql' | 'proto' | 'text';
  /** Milliseconds spent building the view. */
  buildMs: number;
}
