// The well-known relations and which spec fields produce them, per kind, as Backstage's
// BuiltinKindsEntityProcessor emits them (defaults per field), plus which target kinds make sense.

/** Each relation type and its reverse: deriving one always adds the other on the target. */
export const RELATION_PAIRS: Record<string, string> = {
  ownedBy: 'ownerOf',
  ownerOf: 'ownedBy',
  partOf: 'hasPart',
  hasPart: 'partOf',
  providesApi: 'apiProvidedBy',
  apiProvidedBy: 'providesApi',
  consumesApi: 'apiConsumedBy',
  apiConsumedBy: 'consumesApi',
  dependsOn: 'dependencyOf',
  dependencyOf: 'dependsOn',
  memberOf: 'hasMember',
  hasMember: 'memberOf',
  childOf: 'parentOf',
  parentOf: 'childOf',
};

export interface RelationField {
  /** Path under the entity, e.g. `spec.owner`. */
  field: string;
  /** Relation from the entity to the target; the reverse comes from RELATION_PAIRS. */
  relation: string;
  /** Kind assumed when the reference omits it; none means the reference must name its kind. */
  defaultKind?: string;
  /** Lower-cased kinds the target may have; anything else is reported as `wrong-kind`. */
  targetKinds: string[];
}

const owner: RelationField = { field: 'spec.owner', relation: 'ownedBy', defaultKind: 'Group', targetKinds: ['group', 'user'] };
const system: RelationField = { field: 'spec.system', relation: 'partOf', defaultKind: 'System', targetKinds: ['system'] };
const dependsOn: RelationField = { field: 'spec.dependsOn', relation: 'dependsOn', targetKinds: ['component', 'resource'] };
const dependencyOf: RelationField = { field: 'spec.dependencyOf', relation: 'dependencyOf', targetKinds: ['component', 'resource'] };

/** Relation-producing fields by kind (lower-cased). */
export const RELATION_FIELDS: Record<string, RelationField[]> = {
  component: [
    owner,
    { field: 'spec.subcomponentOf', relation: 'partOf', defaultKind: 'Component', targetKinds: ['component'] },
    { field: 'spec.providesApis', relation: 'providesApi', defaultKind: 'API', targetKinds: ['api'] },
    { field: 'spec.consumesApis', relation: 'consumesApi', defaultKind: 'API', targetKinds: ['api'] },
    dependsOn,
    dependencyOf,
    system,
  ],
  api: [owner, system],
  resource: [owner, dependsOn, dependencyOf, system],
  system: [owner, { field: 'spec.domain', relation: 'partOf', defaultKind: 'Domain', targetKinds: ['domain'] }],
  domain: [owner, { field: 'spec.subdomainOf', relation: 'partOf', defaultKind: 'Domain', targetKinds: ['domain'] }],
  user: [{ field: 'spec.memberOf', relation: 'memberOf', defaultKind: 'Group', targetKinds: ['group'] }],
  group: [
    { field: 'spec.parent', relation: 'childOf', defaultKind: 'Group', targetKinds: ['group'] },
    { field: 'spec.children', relation: 'parentOf', defaultKind: 'Group', targetKinds: ['group'] },
    { field: 'spec.members', relation: 'hasMember', defaultKind: 'User', targetKinds: ['user'] },
  ],
  template: [owner],
};

/** The references a field holds, each with its field path (`spec.dependsOn.1` for array items). */
export function referencesIn(spec: Record<string, unknown> | undefined, field: RelationField): { path: string; value: unknown }[] {
  const key = field.field.slice('spec.'.length);
  const value = spec?.[key];
  if (value === undefined || value === null) return [];
  if (Array.isArray(value)) return value.map((v, i) => ({ path: `${field.field}.${i}`, value: v }));
  return [{ path: field.field, value }];
}

/** Backstage's spelling of each kind that has relation fields, by lower-cased kind. */
const KIND_SPELLING = new Map([['component', 'Component'], ['api', 'API'], ['resource', 'Resource'], ['system', 'System'], ['domain', 'Domain'], ['user', 'User'], ['group', 'Group'], ['template', 'Template']]);

/**
 * The relation fields of `kind` spelled exactly as Backstage does; none for any other kind — an
 * unknown kind, or a built-in one in other case (`kind: component`), gets no relations. Never
 * indexes an object with input (`kind: constructor` is not Object's constructor).
 */
export function relationFieldsOf(kind: string): RelationField[] {
  const key = kind.toLowerCase();
  return KIND_SPELLING.get(key) === kind && Object.hasOwn(RELATION_FIELDS, key) ? RELATION_FIELDS[key] : [];
}
