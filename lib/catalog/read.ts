// Reads descriptor files into located, individually validated entities, following Location
// entities from file to file. Everything that goes wrong becomes a Problem; nothing stops the read.
import type { CatalogSource, LocatedEntity, LocationSpec, Problem, ReadResult, ReadText } from './types.ts';
import { asReadText, NOT_UTF8 } from './text.ts';
import { parseYamlDocuments } from './yaml.ts';
import { problemAt } from './problem.ts';
import type { FieldLocator } from './problem.ts';
import { resolvePlaceholders } from './substitute.ts';
import { validateEntity } from './validate.ts';

/** Files above this are refused: a descriptor is small, and a huge one is a mistake or an attack. */
export const DEFAULT_MAX_FILE_BYTES = 1024 * 1024;

interface Referrer {
  at: FieldLocator;
  path: string;
  optional: boolean;
}

export interface ReadOptions {
  /** Files above this many bytes are refused (default 1 MiB). */
  maxFileBytes?: number;
  /**
   * Called with each document after substitution and before validation, so a source can fill in
   * what it knows and the file does not say (the GitHub source: an owner from CODEOWNERS). It
   * changes `value` in place and returns problems that say what it did.
   */
  fillDefaults?: (value: Record<string, unknown>, at: FieldLocator) => Problem[];
  /**
   * Files already read by an earlier call (`type:target` keys), shared between calls so a file
   * reached twice — named on the command line and through a Location — is read once.
   */
  visited?: Set<string>;
}

export async function readEntities(roots: LocationSpec[], source: CatalogSource, options: ReadOptions = {}): Promise<ReadResult> {
  const maxFileBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  const entities: LocatedEntity[] = [];
  const problems: Problem[] = [];
  const files: string[] = [];
  const visited = options.visited ?? new Set<string>();
  const keyOf = (l: LocationSpec) => `${l.type}:${l.target}`;

  // Where to report a problem with a location: the field that named it, or the top of the root file.
  const reportAt = (location: LocationSpec, from: Referrer | undefined, rule: string, message: string, hint: string) =>
    problems.push(
      from
        ? problemAt(from.at, from.path, 'error', rule, message, hint)
        : { file: source.display(location), line: 1, column: 1, severity: 'error', rule, message, hint },
    );

  async function visit(location: LocationSpec, ancestors: string[], from?: Referrer): Promise<void> {
    const key = keyOf(location);
    const shown = source.display(location);
    if (ancestors.includes(key)) {
      reportAt(location, from, 'location-cycle', `Location cycle: ${shown} is already being read higher up this chain of Locations`, 'Remove the target that points back; each file should be reached from one Location.');
      return;
    }
    // Reached twice through different Locations: read once, so its entities are not duplicated.
    if (visited.has(key)) return;
    visited.add(key);

    let answer: string | ReadText | null;
    try {
      answer = await source.read(location);
    } catch (e) {
      if ((e as { notFetched?: boolean }).notFetched) {
        const warning = from ? problemAt(from.at, from.path, 'warning', 'location-not-fetched', `${shown} was not fetched: ${(e as Error).message}`, 'It is read when the network is reachable.') : undefined;
        if (warning) problems.push(warning);
        else reportAt(location, from, 'location-unreadable', `Could not read ${shown}: ${(e as Error).message}`, 'Check the network.');
        return;
      }
      // A source may say which rule and what to do (e.g. a size limit and the key that raises it).
      const { rule, hint } = e as { rule?: unknown; hint?: unknown };
      reportAt(location, from, typeof rule === 'string' ? rule : 'location-unreadable', `Could not read ${shown}: ${(e as Error).message}`, typeof hint === 'string' ? hint : 'Check the path and its permissions.');
      return;
    }
    if (answer === null) {
      if (from?.optional) return;
      // Backstage's file reader expands globs; the CatalogSource contract reads single files only.
      const glob = /[*?[{]/.test(location.target);
      reportAt(
        location,
        from,
        'location-missing',
        glob ? `${shown}: glob patterns in Location targets are not supported` : `${shown} does not exist`,
        glob ? 'List each file in spec.targets instead of a pattern.' : from ? 'Fix the target path (relative to the file holding the Location), or set spec.presence: optional.' : 'Check the path you gave.',
      );
      return;
    }
    files.push(shown);
    const { text, notUtf8 } = asReadText(answer);
    if (notUtf8) problems.push({ file: shown, ...notUtf8, severity: 'warning', rule: 'not-utf8', message: NOT_UTF8, hint: 'Save the file as UTF-8.' });
    if (Buffer.byteLength(text) > maxFileBytes) {
      problems.push({ file: shown, line: 1, column: 1, severity: 'error', rule: 'file-too-large', message: `${shown} is ${Buffer.byteLength(text)} bytes, over the limit of ${maxFileBytes}: not read`, hint: 'Split the descriptors into several files joined by a Location, or raise the limit.' });
      return;
    }

    for (const doc of parseYamlDocuments(text)) {
      for (const error of doc.errors) {
        problems.push({ file: shown, line: error.line, column: error.column, severity: 'error', rule: error.rule ?? 'yaml-syntax', message: error.message, hint: error.hint ?? 'Fix the YAML syntax; the other documents of the file are still read.' });
      }
      if (doc.errors.length > 0 || doc.value === undefined || doc.value === null) continue;
      const at: FieldLocator = { file: shown, positions: doc.positions, start: doc.start };
      const substituted = await resolvePlaceholders(doc.value, location, source, at, maxFileBytes);
      const filled = options.fillDefaults && isRecord(substituted.value) ? options.fillDefaults(substituted.value, at) : [];
      const checked = validateEntity(substituted.value, at, { unresolved: substituted.unresolved.map((u) => u.path) });
      for (const p of [...substituted.problems, ...filled]) if (checked.ref) p.entityRef = checked.ref;
      problems.push(...substituted.problems, ...filled, ...checked.problems);
      if (!checked.entity || !checked.ref) continue;
      const entity = checked.entity;
      const located: LocatedEntity = { entity, ref: checked.ref, source: { file: shown, ...doc.start }, location, positions: doc.positions };
      if (substituted.unresolved.length > 0) located.unresolved = substituted.unresolved;
      entities.push(located);

      if (entity.kind !== 'Location') continue;
      const spec = entity.spec ?? {};
      const targets: { path: string; target: string }[] = [];
      if (typeof spec.target === 'string') targets.push({ path: 'spec.target', target: spec.target });
      if (Array.isArray(spec.targets)) spec.targets.forEach((t, i) => targets.push({ path: `spec.targets.${i}`, target: String(t) }));
      const type = typeof spec.type === 'string' ? spec.type : location.type;
      const locator: FieldLocator = { ...at, entityRef: checked.ref };
      for (const { path, target } of targets) {
        const resolved = source.resolve(location, target, type);
        if ('error' in resolved) {
          problems.push(
            resolved.notFetched
              ? problemAt(locator, path, 'warning', 'location-not-fetched', resolved.error, 'Add the host to catalog.allowedHosts in backlot.config.yaml to read it, or list a file of the repository.')
              : problemAt(locator, path, 'error', 'location-refused', resolved.error, 'Use a relative path to a file inside the repository.'),
          );
          continue;
        }
        await visit(resolved, [...ancestors, key], { at: locator, path, optional: spec.presence === 'optional' });
      }
    }
  }

  for (const root of roots) await visit(root, []);
  return { entities, problems, files };
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
