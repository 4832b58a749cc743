// The well-known relations and which spec fields produce them, per kind, as Backstage's
// BuiltinKindsEntityProcessor emits them (defaults per field), plus which target kinds make sense.

/** How one relation type reads: its reverse, and its words in lists and on diagram edges. */
export interface RelationType {
  /** The type that the target gets back (deriving one always adds the other). */
  reverse: string;
  /** Heading of a list of targets on the entity's page, e.g. `Owned by`. */
  label: string;
  /** True for the direction a diagram draws its arrow in (`ownedBy`, not `ownerOf`). */
  forward: boolean;
  /** Words on a diagram edge drawn in this (forward) direction, e.g. `owned by`. */
  edgeLabel: string;
  /** True for relations that say how software connects rather than who owns what. */
  connecting?: boolean;
}

/**
 * THE relation vocabulary (Backstage's well-known relations): validation, assembly, the relations
 * list and the diagrams all read it. Listed in the order an entity page shows them.
 */
export const RELATION_TYPES: Record<string, RelationType> = {
  childOf: { reverse: 'parentOf', label: 'Parent group', forward: true, edgeLabel: 'child of' },
  parentOf: { reverse: 'childOf', label: 'Child groups', forward: false, edgeLabel: 'parent of' },
  hasMember: { reverse: 'memberOf', label: 'Members', forward: false, edgeLabel: 'has member' },
  memberOf: { reverse: 'hasMember', label: 'Member of', forward: true, edgeLabel: 'member of' },
  ownedBy: { reverse: 'ownerOf', label: 'Owned by', forward: true, edgeLabel: 'owned by' },
  partOf: { reverse: 'hasPart', label: 'Part of', forward: true, edgeLabel: 'part of' },
  hasPart: { reverse: 'partOf', label: 'Parts', forward: false, edgeLabel: 'has part' },
  ownerOf: { reverse: 'ownedBy', label: 'Owns', forward: false, edgeLabel: 'owner of' },
  providesApi: { reverse: 'apiProvidedBy', label: 'Provides APIs', forward: true, edgeLabel: 'provides', connecting: true },
  consumesApi: { reverse: 'apiConsumedBy', label: 'Consumes APIs', forward: true, edgeLabel: 'consumes', connecting: true },
  dependsOn: { reverse: 'dependencyOf', label: 'Depends on', forward: true, edgeLabel: 'depends on', connecting: true },
  dependencyOf: { reverse: 'dependsOn', label: 'Depended on by', forward: false, edgeLabel: 'dependency of' },
  apiProvidedBy: { reverse: 'providesApi', label: 'Provided by', forward: false, edgeLabel: 'provided by' },
  apiConsumedBy: { reverse: 'consumesApi', label: 'Consumed by', forward: false, edgeLabel: 'consumed by' },
};

/** Each relation type and its reverse: deriving one always adds the other on the target. */
export const RELATION_PAIRS: Record<string, string> = Object.fromEntries(Object.entries(RELATION_TYPES).map(([type, t]) => [type, t.reverse]));

/** A relation type's list heading; an unknown type is shown as written. */
export function relationLabel(type: string): string {
  return RELATION_TYPES[type]?.label ?? type;
}

/** Page order of relation types: the vocabulary's order, unknown types last by name. */
export function compareRelationTypes(a: string, b: string): number {
  const order = Object.keys(RELATION_TYPES);
  const rank = (t: string) => (order.includes(t) ? order.indexOf(t) : order.length);
  return rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0);
}

/** A relation seen from either end, turned to its forward direction (the way an arrow is drawn). */
export function forwardRelation(from: string, type: string, to: string): { from: string; type: string; to: string } {
  const known = RELATION_TYPES[type];
  return known && !known.forward ? { from: to, type: known.reverse, to: from } : { from, type, to };
}

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
