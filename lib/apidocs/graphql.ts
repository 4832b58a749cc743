// GraphQL SDL normalised into types grouped the way readers look for them: the root operation
// types first, then objects, inputs, enums, interfaces, unions, scalars. We walk the parsed AST
// rather than build an executable schema, so a file that references a type defined elsewhere
// (federated subgraphs, split schemas) still renders instead of failing validation.
import { Kind, parse, print, GraphQLError, type ConstDirectiveNode, type DocumentNode, type TypeNode } from 'graphql';
import { createAnchorRegistry } from './anchors.ts';
import { toRichText } from './richText.ts';
import type { DefinitionNotice, GraphqlArgumentView, GraphqlFieldView, GraphqlTypeGroup, GraphqlTypeKind, GraphqlTypeRef, GraphqlTypeView, GraphqlView, RawOnlyView } from './types.ts';

const GROUPS: { title: string; kinds: GraphqlTypeKind[]; roots?: true }[] = [
  { title: 'Operations', kinds: ['object'], roots: true },
  { title: 'Object types', kinds: ['object'] },
  { title: 'Input types', kinds: ['input'] },
  { title: 'Enums', kinds: ['enum'] },
  { title: 'Interfaces', kinds: ['interface'] },
  { title: 'Unions', kinds: ['union'] },
  { title: 'Scalars', kinds: ['scalar'] },
];

/** Builds the type view of a GraphQL SDL document; a syntax error gives a raw-only view with its position. */
export function buildGraphqlView(sdl: string): GraphqlView | RawOnlyView {
  let document: DocumentNode;
  try {
    // noLocation: positions are only needed for syntax errors, which `parse` reports anyway.
    document = parse(sdl, { noLocation: true, maxTokens: 500_000 });
  } catch (cause) {
    const error = cause as GraphQLError;
    const location = error.locations?.[0];
    return {
      kind: 'raw',
      notices: [{ level: 'error', message: `The GraphQL schema does not parse: ${error.message}`, line: location?.line, column: location?.column }],
    };
  }

  const notices: DefinitionNotice[] = [];
  const roots = { query: 'Query', mutation: 'Mutation', subscription: 'Subscription' };
  for (const definition of document.definitions) {
    if (definition.kind === Kind.SCHEMA_DEFINITION || definition.kind === Kind.SCHEMA_EXTENSION) {
      for (const op of definition.operationTypes ?? []) roots[op.operation] = op.type.name.value;
    }
  }

  // First pass: names and anchors, so any field can link to any type wherever it is declared.
  const anchor = createAnchorRegistry();
  const types = new Map<string, GraphqlTypeView>();
  const kindOf: Partial<Record<string, GraphqlTypeKind>> = {
    [Kind.OBJECT_TYPE_DEFINITION]: 'object',
    [Kind.OBJECT_TYPE_EXTENSION]: 'object',
    [Kind.INPUT_OBJECT_TYPE_DEFINITION]: 'input',
    [Kind.INPUT_OBJECT_TYPE_EXTENSION]: 'input',
    [Kind.ENUM_TYPE_DEFINITION]: 'enum',
    [Kind.ENUM_TYPE_EXTENSION]: 'enum',
    [Kind.INTERFACE_TYPE_DEFINITION]: 'interface',
    [Kind.INTERFACE_TYPE_EXTENSION]: 'interface',
    [Kind.UNION_TYPE_DEFINITION]: 'union',
    [Kind.UNION_TYPE_EXTENSION]: 'union',
    [Kind.SCALAR_TYPE_DEFINITION]: 'scalar',
    [Kind.SCALAR_TYPE_EXTENSION]: 'scalar',
  };
  for (const definition of document.definitions) {
    const kind = kindOf[definition.kind];
    if (!kind || !('name' in definition) || !definition.name) continue;
    const name = definition.name.value;
    if (!types.has(name)) {
      types.set(name, { id: anchor('type', name), name, kind, description: [], fields: [], values: [], members: [], interfaces: [] });
    }
  }
  const ref = (node: TypeNode) => typeRef(node, types);

  // Second pass: fill in, merging `extend type` into the type it extends.
  for (const definition of document.definitions) {
    if (!('name' in definition) || !definition.name || !types.has(definition.name.value)) continue;
    const view = types.get(definition.name.value)!;
    if ('description' in definition && definition.description) view.description = toRichText(definition.description.value);
    if ('fields' in definition && definition.fields) {
      for (const field of definition.fields) {
        const args: GraphqlArgumentView[] =
          'arguments' in field && field.arguments
            ? field.arguments.map((arg) => ({
                name: arg.name.value,
                type: ref(arg.type),
                defaultValue: arg.defaultValue ? print(arg.defaultValue) : undefined,
                description: toRichText(arg.description?.value),
                deprecated: deprecationOf(arg.directives),
              }))
            : [];
        const fieldView: GraphqlFieldView = {
          name: field.name.value,
          type: ref(field.type),
          args,
          description: toRichText(field.description?.value),
          deprecated: deprecationOf(field.directives),
        };
        // An input field's default value reads like an argument's: show it beside the type.
        if (field.kind === Kind.INPUT_VALUE_DEFINITION && field.defaultValue) fieldView.type = { ...fieldView.type, suffix: `${fieldView.type.suffix} = ${print(field.defaultValue)}` };
        view.fields.push(fieldView);
      }
    }
    if ('values' in definition && definition.values) {
      for (const value of definition.values) {
        view.values.push({ name: value.name.value, description: toRichText(value.description?.value), deprecated: deprecationOf(value.directives) });
      }
    }
    if ('types' in definition && definition.types) view.members.push(...definition.types.map(ref));
    if ('interfaces' in definition && definition.interfaces) view.interfaces.push(...definition.interfaces.map(ref));
  }

  const rootNames = new Set(Object.values(roots));
  const rootOrder = [roots.query, roots.mutation, roots.subscription];
  const groups: GraphqlTypeGroup[] = [];
  for (const group of GROUPS) {
    let members = [...types.values()].filter((t) => group.kinds.includes(t.kind) && (group.roots ? rootNames.has(t.name) : !rootNames.has(t.name)));
    members = group.roots ? members.sort((a, b) => rootOrder.indexOf(a.name) - rootOrder.indexOf(b.name)) : members.sort((a, b) => a.name.localeCompare(b.name));
    if (members.length > 0) groups.push({ title: group.title, id: anchor('group', group.title), types: members });
  }

  const directives = document.definitions.flatMap((definition) =>
    definition.kind === Kind.DIRECTIVE_DEFINITION
      ? [
          {
            name: definition.name.value,
            signature: print({ ...definition, description: undefined }),
            description: toRichText(definition.description?.value),
          },
        ]
      : [],
  );

  if (types.size === 0) notices.push({ level: 'info', message: 'This schema defines no types.' });
  return { kind: 'graphql', groups, directives, notices };
}

/** `[User!]!` → prefix `[`, name `User`, suffix `!]!`, with the anchor of `User` when it is defined here. */
function typeRef(node: TypeNode, types: Map<string, GraphqlTypeView>): GraphqlTypeRef {
  if (node.kind === Kind.NON_NULL_TYPE) {
    const inner = typeRef(node.type, types);
    return { ...inner, suffix: `${inner.suffix}!` };
  }
  if (node.kind === Kind.LIST_TYPE) {
    const inner = typeRef(node.type, types);
    return { ...inner, prefix: `[${inner.prefix}`, suffix: `${inner.suffix}]` };
  }
  const name = node.name.value;
  return { prefix: '', name, suffix: '', anchor: types.get(name)?.id };
}

/** The reason of `@deprecated(reason: "…")`, or GraphQL's default one; `undefined` when not deprecated. */
function deprecationOf(directives: readonly ConstDirectiveNode[] | undefined): string | undefined {
  const directive = directives?.find((d) => d.name.value === 'deprecated');
  if (!directive) return undefined;
  const reason = directive.arguments?.find((a) => a.name.value === 'reason')?.value;
  return reason?.kind === Kind.STRING ? reason.value : 'No longer supported';
}
