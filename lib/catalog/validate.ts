// Validates one entity on its own: the envelope and kind JSON Schemas (ajv, kept as data in
// schemas/), then Backstage's naming rules, which the schemas cannot express.
import Ajv from 'ajv';
import type { ErrorObject, ValidateFunction } from 'ajv';
import type { Entity, Problem } from './types.ts';
import { problemAt } from './problem.ts';
import type { FieldLocator } from './problem.ts';
import { entityRefOf, safeParseEntityRef } from './ref.ts';
import { referencesIn, relationFieldsOf } from './relations.ts';
import * as naming from './naming.ts';
import { isForbiddenKey } from '../parse/keys.ts';
import entitySchema from './schemas/entity.schema.json' with { type: 'json' };
import apiSchema from './schemas/api.schema.json' with { type: 'json' };
import componentSchema from './schemas/component.schema.json' with { type: 'json' };
import domainSchema from './schemas/domain.schema.json' with { type: 'json' };
import groupSchema from './schemas/group.schema.json' with { type: 'json' };
import locationSchema from './schemas/location.schema.json' with { type: 'json' };
import resourceSchema from './schemas/resource.schema.json' with { type: 'json' };
import systemSchema from './schemas/system.schema.json' with { type: 'json' };
import templateSchema from './schemas/template.schema.json' with { type: 'json' };
import userSchema from './schemas/user.schema.json' with { type: 'json' };

/** The kinds Backlot knows, as Backstage spells them. */
export const KNOWN_KINDS = ['Component', 'API', 'Resource', 'System', 'Domain', 'Group', 'User', 'Location', 'Template'] as const;

/** The JSON Schemas, by kind: the one source of truth for entity shape (also used by pages). */
export const KIND_SCHEMAS: Record<string, object> = {
  Component: componentSchema,
  API: apiSchema,
  Resource: resourceSchema,
  System: systemSchema,
  Domain: domainSchema,
  Group: groupSchema,
  User: userSchema,
  Location: locationSchema,
  Template: templateSchema,
};
export const ENTITY_SCHEMA: object = entitySchema;

const ajv = new Ajv({ allErrors: true, strict: false });
const validateEnvelope = ajv.compile(entitySchema);
// Compiled on first use: a kind's schema costs 20-60 ms to compile, and one repository's preview
// (`backlot docs preview`) has one or two kinds, not nine.
const kindValidators = new Map<string, ValidateFunction>();
function kindValidator(kind: string): ValidateFunction | undefined {
  if (!Object.hasOwn(KIND_SCHEMAS, kind)) return undefined;
  let validate = kindValidators.get(kind);
  if (!validate) kindValidators.set(kind, (validate = ajv.compile(KIND_SCHEMAS[kind])));
  return validate;
}

const ROOT_FIELDS = new Set(['apiVersion', 'kind', 'metadata', 'spec', 'relations', 'status']);

export interface EntityValidation {
  /** The entity, when it has no errors (warnings allowed). */
  entity?: Entity;
  /** Its reference, whenever the envelope is readable enough to tell. */
  ref?: string;
  problems: Problem[];
}

export interface ValidateOptions {
  /** Field paths left out because their `$text`/`$json`/`$yaml` could not be read: already reported once, not again. */
  unresolved?: string[];
}

/** Checks one parsed document. `at` says where its fields are, for the problems. */
export function validateEntity(value: unknown, at: FieldLocator, options: ValidateOptions = {}): EntityValidation {
  const problems: Problem[] = [];
  const loc: FieldLocator = { ...at };
  const unresolved = options.unresolved ?? [];
  const isUnresolved = (path: string) => unresolved.some((u) => path === u || path.startsWith(`${u}.`));
  const report = (path: string, rule: string, message: string, hint: string, severity: 'error' | 'warning' = 'error') => {
    if (!isUnresolved(path)) problems.push(problemAt(loc, path, severity, rule, message, hint));
  };

  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    report('', 'invalid-envelope', 'The document is not a mapping (an entity has apiVersion, kind, metadata and spec)', 'Write the entity as a YAML mapping, or remove the stray document.');
    return { problems };
  }
  const raw = value as Record<string, unknown>;
  const metadata = raw.metadata as Record<string, unknown> | undefined;
  if (typeof raw.kind === 'string' && metadata && typeof metadata.name === 'string' && metadata.name) {
    loc.entityRef = entityRefOf(raw as unknown as Entity);
  }
  if (!validateEnvelope(raw)) {
    for (const error of validateEnvelope.errors ?? []) reportSchemaError(error, report);
    return { ref: loc.entityRef, problems };
  }
  const entity = raw as unknown as Entity;

  for (const key of Object.keys(raw)) {
    if (!ROOT_FIELDS.has(key)) {
      report(key, 'unknown-root-field', `Unknown top-level field "${key}"`, 'Only apiVersion, kind, metadata and spec belong at the top; move the field under metadata or spec.');
    }
  }
  checkNaming(entity, report);

  const validateKind = kindValidator(entity.kind);
  const builtIn = KNOWN_KINDS.find((k) => k.toLowerCase() === entity.kind.toLowerCase());
  if (!validateKind && builtIn) {
    // Its ref (kind:namespace/name is lower-cased) would be the built-in kind's: an error, so it
    // can never stand in for, or shadow, a valid entity of that kind.
    report('kind', 'kind-case', `kind "${entity.kind}" differs from the built-in kind "${builtIn}" only in case`, `Write kind: ${builtIn}; kinds are case-sensitive, as in Backstage.`);
  } else if (!validateKind) {
    if (!problems.some((p) => p.rule === 'invalid-kind')) report('kind', 'unknown-kind', `Unknown kind "${entity.kind}": kept as is, without kind-specific checks or relations`, `Known kinds: ${KNOWN_KINDS.join(', ')}.`, 'warning');
  } else if (!validateKind(raw)) {
    for (const error of validateKind.errors ?? []) reportSchemaError(error, report, entity.kind);
  } else {
    checkReferences(entity, report);
  }

  if (problems.some((p) => p.severity === 'error')) return { ref: loc.entityRef, problems };
  const { relations: _ignored, ...clean } = entity;
  return { entity: clean as Entity, ref: loc.entityRef, problems };
}

type Report = (path: string, rule: string, message: string, hint: string, severity?: 'error' | 'warning') => void;

function checkNaming(entity: Entity, report: Report): void {
  const m = entity.metadata;
  if (!naming.isValidKind(entity.kind)) {
    report('kind', 'invalid-kind', `kind "${entity.kind}" is not a valid kind`, 'Start with a letter and use only letters and digits, e.g. Component.');
  } else if (isForbiddenKey(entity.kind.toLowerCase())) {
    // Kinds become keys (counts by kind in the catalog's meta.json): lib/parse's one key rule.
    report('kind', 'invalid-kind', `kind "${entity.kind}" is reserved: constructor and prototype are never used as names of kinds`, 'Choose another kind name.');
  }
  if (!naming.isValidApiVersion(entity.apiVersion)) {
    report('apiVersion', 'invalid-api-version', `apiVersion "${entity.apiVersion}" is malformed`, 'Write it as <group>/<version>, e.g. backstage.io/v1alpha1.');
  }
  if (!naming.isValidEntityName(m.name)) {
    report('metadata.name', 'invalid-name', `metadata.name "${m.name}" is not a valid entity name`, 'Use 1–63 characters: letters and digits, with -, _ or . only between them (e.g. my-service).');
  }
  if (m.namespace !== undefined && !naming.isValidNamespace(m.namespace)) {
    report('metadata.namespace', 'invalid-namespace', `metadata.namespace "${m.namespace}" is not a valid namespace`, 'Use lower-case letters, digits and single dashes, at most 63 characters (e.g. default).');
  }
  for (const [key, value] of Object.entries(m.labels ?? {})) {
    if (!naming.isValidLabelKey(key)) {
      report(`metadata.labels.${key}`, 'invalid-label', `Label key "${key}" is malformed`, 'Use [dns-prefix/]name, e.g. example.com/tier, with letters, digits, -, _ and . inside.');
    } else if (!naming.isValidLabelValue(value)) {
      report(`metadata.labels.${key}`, 'invalid-label', `Label value "${value}" of "${key}" is malformed`, 'Label values are empty or name-shaped (1–63 letters, digits, -, _, .); put free text in an annotation.');
    }
  }
  for (const [key, value] of Object.entries(m.annotations ?? {})) {
    if (!naming.isValidAnnotationKey(key)) {
      report(`metadata.annotations.${key}`, 'invalid-annotation', `Annotation key "${key}" is malformed`, 'Use [dns-prefix/]name, e.g. backstage.io/techdocs-ref.');
    } else if (!naming.isValidAnnotationValue(value)) {
      report(`metadata.annotations.${key}`, 'invalid-annotation', `Annotation "${key}" must be a string`, 'Quote the value.');
    }
  }
  (m.tags ?? []).forEach((tag, i) => {
    if (!naming.isValidTag(tag)) {
      report(`metadata.tags.${i}`, 'invalid-tag', `Tag "${tag}" is malformed`, 'Tags are lower-case: a–z, 0–9, + and #, words joined by single dashes, at most 63 characters (e.g. java, c++).');
    }
  });
  (m.links ?? []).forEach((link, i) => {
    if (!naming.isValidUrl(link.url)) {
      report(`metadata.links.${i}.url`, 'invalid-link', `Link URL "${link.url}" is not an absolute URL`, 'Write the full URL, with its scheme (https://…).');
    }
    if (link.icon !== undefined && !naming.isValidEntityName(link.icon)) {
      report(`metadata.links.${i}.icon`, 'invalid-link', `Link icon "${link.icon}" is not a valid icon name`, 'Icons are names like dashboard or github (letters, digits, -, _, .).');
    }
  });
}

/** A reference that cannot be parsed (or has no kind where the field has no default) makes the entity invalid, as in Backstage. */
function checkReferences(entity: Entity, report: Report): void {
  for (const field of relationFieldsOf(entity.kind)) {
    for (const { path, value } of referencesIn(entity.spec, field)) {
      const parsed = safeParseEntityRef(String(value), { defaultKind: field.defaultKind, defaultNamespace: entity.metadata.namespace });
      if ('error' in parsed) {
        report(path, 'invalid-reference', parsed.error, field.defaultKind ? 'Write the reference as [kind:][namespace/]name.' : `${field.field} has no default kind: write kind:name, e.g. ${field.targetKinds[0]}:${String(value)}.`);
      }
    }
  }
}

function reportSchemaError(error: ErrorObject, report: Report, kind?: string): void {
  // `if` only says which branch failed; that branch's own error says what is wrong.
  if (error.keyword === 'if') return;
  const path = error.instancePath.split('/').slice(1).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~')).join('.');
  const shown = path || 'the entity';
  const where = kind ? ` for kind ${kind}` : '';
  switch (error.keyword) {
    case 'required': {
      const missing = (error.params as { missingProperty: string }).missingProperty;
      const full = path ? `${path}.${missing}` : missing;
      report(full, 'required-field', `${full} is required${where}`, `Add ${full} to the descriptor.`);
      return;
    }
    case 'enum': {
      const allowed = (error.params as { allowedValues: unknown[] }).allowedValues;
      report(path, path === 'apiVersion' ? 'invalid-api-version' : 'invalid-field', `${shown} must be one of ${allowed.map((v) => JSON.stringify(v)).join(', ')}${where}`, `Use one of: ${allowed.join(', ')}.`);
      return;
    }
    case 'type':
      report(path, 'invalid-field', `${shown} must be ${(error.params as { type: string | string[] }).type.toString().replace(',', ' or ')}${where}`, 'Fix the value\'s type (quote strings, use a list [a, b] for arrays).');
      return;
    case 'minLength':
      report(path, 'invalid-field', `${shown} must not be empty${where}`, 'Give it a value or remove the field.');
      return;
    default:
      report(path, 'invalid-field', `${shown} ${error.message ?? 'is invalid'}${where}`, 'Fix the field as the message says.');
  }
}
