// AsyncAPI documents normalised into channels, each with the operations on it and the messages
// they carry. AsyncAPI 2 nests operations (publish/subscribe) inside channels; AsyncAPI 3 lists
// operations (send/receive) apart and points them at channels: both come out channel-first.
import { createAnchorRegistry } from './anchors.ts';
import { dict, isDict, list, str, type Dict } from './objects.ts';
import { derefChain, escapePointerSegment, isRef, refName } from './resolveRef.ts';
import { toRichText } from './richText.ts';
import { buildSchemaTree, describeSchemaType, emptyNode, type SchemaTreeOptions } from './schemaTree.ts';
import type { AsyncApiView, AsyncMessageView, AsyncOperationView, ChannelView, DefinitionNotice, ParameterView, RawOnlyView, SchemaNode, ServerView } from './types.ts';

type Anchor = (prefix: string, text: string) => string;

/** Schema formats whose payloads are JSON Schema we can show as a tree. */
const JSON_SCHEMA_FORMAT = /^application\/(vnd\.aai\.asyncapi|schema)(\+json|\+yaml)?|^application\/(json|yaml)$/;

export interface AsyncApiViewOptions {
  maxSchemaNodes?: number;
}

/** Builds the channel view of an AsyncAPI 2.x or 3.x document; anything else gives a raw-only view with why. */
export function buildAsyncApiView(document: unknown, options: AsyncApiViewOptions = {}): AsyncApiView | RawOnlyView {
  if (!isDict(document) || document.asyncapi === undefined) {
    return { kind: 'raw', notices: [{ level: 'error', message: 'This is not an AsyncAPI document: the `asyncapi` field (e.g. `asyncapi: 3.0.0`) is missing.' }] };
  }
  const specVersion = str(document.asyncapi);
  const major = Number.parseInt(specVersion, 10);
  if (major !== 2 && major !== 3) {
    return { kind: 'raw', notices: [{ level: 'error', message: `Unsupported AsyncAPI version "${specVersion}": only 2.x and 3.x are rendered.` }] };
  }
  const notices: DefinitionNotice[] = [];
  const anchor = createAnchorRegistry();
  const context: Context = { document, anchor, notices, tree: { root: document, maxNodes: options.maxSchemaNodes } };
  const info = dict(document.info);
  const channels = major === 2 ? channelsOfVersion2(context) : channelsOfVersion3(context);
  if (channels.length === 0) notices.push({ level: 'info', message: 'This definition declares no channels.' });
  return {
    kind: 'asyncapi',
    specVersion,
    info: { title: str(info.title, 'Untitled API'), version: str(info.version), description: toRichText(info.description) },
    servers: Object.entries(dict(document.servers)).map(([name, raw]) => toServer(name, dict(derefChain(document, raw).value), major)),
    channels,
    notices,
  };
}

interface Context {
  document: Dict;
  anchor: Anchor;
  notices: DefinitionNotice[];
  tree: SchemaTreeOptions;
}

function toServer(name: string, server: Dict, major: number): ServerView {
  const url = major === 2 ? str(server.url) : `${str(server.host)}${str(server.pathname)}`;
  return { name, url, protocol: [str(server.protocol), str(server.protocolVersion)].filter(Boolean).join(' ') || undefined, description: toRichText(server.description) };
}

function channelsOfVersion2(context: Context): ChannelView[] {
  return Object.entries(dict(context.document.channels)).map(([name, raw]) => {
    const channel = dict(derefChain(context.document, raw).value);
    const id = context.anchor('channel', name);
    const operations: AsyncOperationView[] = [];
    for (const action of ['publish', 'subscribe'] as const) {
      if (!isDict(channel[action])) continue;
      const operation = dict(derefChain(context.document, channel[action]).value);
      const message = derefChain(context.document, operation.message).value;
      // A v2 operation carries one message, or `oneOf` several.
      const messages = isDict(message) && Array.isArray(message.oneOf) ? message.oneOf : message === undefined ? [] : [operation.message];
      operations.push({
        id: context.anchor('op', str(operation.operationId) || `${action} ${name}`),
        action,
        operationId: str(operation.operationId) || undefined,
        summary: str(operation.summary),
        description: toRichText(operation.description),
        messages: messages.map((m) => toMessage(m, name, context)),
      });
    }
    return { id, name, address: name, description: toRichText(channel.description), parameters: toParameters(channel.parameters, context), operations, messages: [] };
  });
}

function channelsOfVersion3(context: Context): ChannelView[] {
  const channels = Object.entries(dict(context.document.channels)).map(([key, raw]) => {
    const channel = dict(derefChain(context.document, raw).value);
    return {
      key,
      channel,
      view: {
        id: context.anchor('channel', key),
        name: key,
        address: channel.address === null ? '(dynamic address)' : str(channel.address, key),
        description: toRichText(channel.description),
        parameters: toParameters(channel.parameters, context),
        operations: [],
        messages: [],
      } as ChannelView,
      usedMessageRefs: new Set<string>(),
    };
  });
  for (const [operationKey, raw] of Object.entries(dict(context.document.operations))) {
    const operation = dict(derefChain(context.document, raw).value);
    const channelRef = isRef(operation.channel) ? operation.channel.$ref : '';
    const target = channels.find((c) => channelRef === `#/channels/${escapePointerSegment(c.key)}`);
    if (!target) {
      context.notices.push({ level: 'warning', message: `Operation ${operationKey} points at channel "${channelRef || '(none)'}", which this document does not define.` });
      continue;
    }
    // An operation without `messages` sends or receives every message of its channel.
    const messageRefs = operation.messages === undefined ? Object.keys(dict(target.channel.messages)).map((m) => ({ $ref: `${channelRef}/messages/${escapePointerSegment(m)}` })) : list(operation.messages);
    for (const m of messageRefs) if (isRef(m)) target.usedMessageRefs.add(m.$ref);
    target.view.operations.push({
      id: context.anchor('op', operationKey),
      action: str(operation.action, '?'),
      operationId: operationKey,
      summary: str(operation.summary),
      description: toRichText(operation.description),
      messages: messageRefs.map((m) => toMessage(m, target.key, context)),
    });
  }
  for (const { key, channel, view, usedMessageRefs } of channels) {
    for (const [messageKey, message] of Object.entries(dict(channel.messages))) {
      if (!usedMessageRefs.has(`#/channels/${escapePointerSegment(key)}/messages/${escapePointerSegment(messageKey)}`)) view.messages.push(toMessage(message, key, context, messageKey));
    }
  }
  return channels.map((c) => c.view);
}

function toMessage(raw: unknown, channelKey: string, context: Context, key?: string): AsyncMessageView {
  const resolved = derefChain(context.document, raw);
  const fallbackName = key ?? (resolved.refs.length > 0 ? refName(resolved.refs[resolved.refs.length - 1]) : 'message');
  if (resolved.failure) {
    return {
      id: context.anchor('message', `${channelKey} ${fallbackName}`),
      name: fallbackName,
      title: '',
      summary: '',
      description: toRichText(`Reference ${resolved.failure.ref} could not be resolved (${resolved.failure.reason}).`),
    };
  }
  const message = dict(resolved.value);
  const name = str(message.name) || fallbackName;
  return {
    id: context.anchor('message', `${channelKey} ${name}`),
    name,
    title: str(message.title),
    summary: str(message.summary),
    description: toRichText(message.description),
    contentType: str(message.contentType, str(context.document.defaultContentType)) || undefined,
    payload: toPayload(message.payload, str(message.schemaFormat), context),
    headers: message.headers === undefined ? undefined : toPayload(message.headers, '', context),
  };
}

/** A payload is a schema, or (AsyncAPI 3) `{ schemaFormat, schema }`; Avro, Protobuf … are named, not drawn. */
function toPayload(raw: unknown, messageSchemaFormat: string, context: Context): SchemaNode | undefined {
  if (raw === undefined) return undefined;
  let schema: unknown = raw;
  let format = messageSchemaFormat;
  const payload = derefChain(context.document, raw).value;
  if (isDict(payload) && typeof payload.schemaFormat === 'string' && 'schema' in payload) {
    format = payload.schemaFormat;
    schema = payload.schema;
  }
  if (format && !JSON_SCHEMA_FORMAT.test(format)) {
    return {
      ...emptyNode('', false, format),
      stop: { reason: 'collapsed', detail: `payload schema in ${format}: see the raw definition` },
    };
  }
  return buildSchemaTree(schema, context.tree);
}

function toParameters(raw: unknown, context: Context): ParameterView[] {
  return Object.entries(dict(raw)).map(([name, value]) => {
    const parameter = dict(derefChain(context.document, value).value);
    const schema = parameter.schema ?? (Array.isArray(parameter.enum) ? { type: 'string', enum: parameter.enum, default: parameter.default } : undefined);
    const tree = schema === undefined ? undefined : buildSchemaTree(schema, context.tree, name);
    return {
      name,
      in: str(parameter.location, 'channel'),
      required: true,
      deprecated: false,
      type: schema === undefined ? 'string' : describeSchemaType(schema, context.document),
      description: toRichText(parameter.description),
      schema: tree && (tree.children.length > 0 || tree.enumValues.length > 0) ? tree : undefined,
    };
  });
}
