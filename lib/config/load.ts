// Reads backlot.config.yaml once at start, validates it, applies defaults, and turns every
// mistake into a message that names the key, the line and what was expected.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { LineCounter, isMap, isScalar, parseDocument, type Document } from 'yaml';
import { normaliseBase } from './base.ts';
import { CONFIG_DEFAULTS, validateConfig, type BacklotConfig } from './schema.ts';
import { describeDataFault, findDataFault } from '../parse/keys.ts';

export const CONFIG_FILE = 'backlot.config.yaml';

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Loads the config from `root`; a missing file means all defaults. */
export async function loadConfig(root: string, file = CONFIG_FILE): Promise<BacklotConfig> {
  const configPath = path.resolve(root, file);
  let text: string;
  try {
    text = await readFile(configPath, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT' && file === CONFIG_FILE) return structuredClone(CONFIG_DEFAULTS);
    throw new ConfigError(`${displayPath(root, configPath, file)}: cannot read it (${(error as Error).message})`, { cause: error });
  }
  return parseConfig(text, displayPath(root, configPath, file));
}

/** The config file as the user named it: relative inside the project, absolute outside. */
function displayPath(root: string, configPath: string, file: string): string {
  const relative = path.relative(root, configPath);
  return relative && !relative.startsWith('..') ? relative : path.isAbsolute(file) ? file : configPath;
}

/** Validates config text; throws a ConfigError listing every problem with its line. */
export function parseConfig(text: string, displayName = CONFIG_FILE): BacklotConfig {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  if (doc.errors.length > 0) {
    const messages = doc.errors.map((e) => {
      const pos = lineCounter.linePos(e.pos[0]);
      return `${displayName}:${pos.line}:${pos.col}: ${e.message.split('\n')[0]}`;
    });
    throw new ConfigError(`Invalid YAML in ${displayName}:\n  ${messages.join('\n  ')}`);
  }
  // Validation fills in every default, so `raw` becomes the full config when it is valid.
  const raw = (doc.toJS() ?? {}) as unknown;
  // lib/parse's one rule for input data: __proto__, constructor and prototype keys are refused.
  const fault = findDataFault(raw);
  if (fault) {
    const pos = positionOf(doc, lineCounter, fault.path);
    throw new ConfigError(`Invalid configuration in ${displayName}:\n  ${displayName}:${pos.line}:${pos.col}: ${describeDataFault(fault).message}`);
  }
  if (!validateConfig(raw)) {
    const messages = (validateConfig.errors ?? []).map((err) => {
      const keyPath = err.instancePath.split('/').filter(Boolean);
      const pos = positionOf(doc, lineCounter, keyPath, err.keyword === 'additionalProperties' ? (err.params as { additionalProperty: string }).additionalProperty : undefined);
      const key = keyPath.join('.') || '(top level)';
      const schemaNode = err.parentSchema as { description?: string } | undefined;
      let what = err.message ?? 'is invalid';
      if (err.keyword === 'additionalProperties') {
        what = `has an unknown key "${(err.params as { additionalProperty: string }).additionalProperty}"`;
      } else if (err.keyword === 'enum') {
        what = `must be one of ${(err.params as { allowedValues: unknown[] }).allowedValues.map((v) => JSON.stringify(v)).join(', ')}`;
      }
      const expected = schemaNode?.description ? ` (expected ${schemaNode.description})` : '';
      return `${displayName}:${pos.line}:${pos.col}: ${key} ${what}${expected}`;
    });
    throw new ConfigError(`Invalid configuration in ${displayName}:\n  ${messages.join('\n  ')}`);
  }
  return finish(raw, displayName);
}

/** Where a value (or, for an unknown key, the key itself) starts in the file. */
function positionOf(doc: Document, lineCounter: LineCounter, keyPath: string[], unknownKey?: string): { line: number; col: number } {
  const node = (keyPath.length ? doc.getIn(keyPath, true) : doc.contents) as { range?: [number, number] } | null | undefined;
  if (unknownKey !== undefined && isMap(node)) {
    const pair = node.items.find((item) => isScalar(item.key) && item.key.value === unknownKey);
    const keyNode = pair?.key as { range?: [number, number] } | undefined;
    if (keyNode?.range) return lineCounter.linePos(keyNode.range[0]);
  }
  return node?.range ? lineCounter.linePos(node.range[0]) : { line: 1, col: 1 };
}

/** What a schema cannot say: base written one way, kinds compared lower-case, github needs its block. */
function finish(config: BacklotConfig, displayName: string): BacklotConfig {
  config.base = normaliseBase(config.base);
  for (const section of config.sections) section.kinds = section.kinds.map((k) => k.toLowerCase());
  if (config.collectors.includes('catalog') && config.collectors[0] !== 'catalog') {
    throw new ConfigError(`${displayName}: collectors must list catalog first (collectors: [catalog, …]): the others read the catalog it writes`);
  }
  if (config.source === 'github' && !config.github) {
    throw new ConfigError(`${displayName}: source is "github" but there is no github section; add github.org: <your organisation>`);
  }
  return config;
}
