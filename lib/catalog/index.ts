// The catalog model's public API: everything else imports from here (or from types.ts for types).
export type * from './types.ts';
export { readEntities, DEFAULT_MAX_FILE_BYTES } from './read.ts';
export type { ReadOptions } from './read.ts';
export { withUrlReaders, httpUrlOf } from './url-readers.ts';
export type { UrlReaderOptions } from './url-readers.ts';
export { assembleCatalog } from './assemble.ts';
export type { AssembleOptions } from './assemble.ts';
export { attachReadWarnings, loadCatalog } from './catalog.ts';
export type { LoadedCatalog } from './catalog.ts';
export { parseEntityRef, safeParseEntityRef, stringifyEntityRef, entityRefOf, DEFAULT_NAMESPACE } from './ref.ts';
export type { EntityName, RefDefaults } from './ref.ts';
export { validateEntity, KNOWN_KINDS, KIND_SCHEMAS, ENTITY_SCHEMA } from './validate.ts';
export { RELATION_PAIRS, RELATION_FIELDS } from './relations.ts';
export type { RelationField } from './relations.ts';
export { parseYamlDocuments } from './yaml.ts';
export { compareProblems } from './problem.ts';
export type { FieldLocator } from './problem.ts';
export * as naming from './naming.ts';
