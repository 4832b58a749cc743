// Reads backlot.config.yaml once at start, validates it, applies defaults, and turns every
// mistake into a message that names the key, the line and what was expected.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { LineCounter, isMap, isScalar, parseDocument, type Document } from 'yaml';
import {
  CONFIG_DEFAULTS,
  DEFAULT_SECTIONS,
  GITHUB_DEFAULTS,
  configJsonSchema,
  type BacklotConfig,
} from './schema.ts';
import { describeDataFault, findDataFault } from '../parse/keys.ts';

export const CONFIG_FILE = 'backlot.config.yaml';

export class ConfigError extends Error {
  override name = 'ConfigError';
}

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

/** Loads the config from `root`; a missing file means all defaults. */
export async function loadConfig(root: string, file = CONFIG_FILE): Promise<BacklotConfig> {
  const configPath = path.resolve(root, file);
  let text: string;
  try {
    text = await readFile(configPath, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT' && file === CONFIG_FILE) return structuredClone(CONFIG_DEFAULTS);
    throw new ConfigError(`${file}: cannot read it (${(error as Error).message})`, { cause: error });
  }
  return parseConfig(text, path.relative(root, configPath) || file);
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
  const raw = (doc.toJS() ?? {}) as unknown;
  // lib/parse's one rule for input data: __proto__, constructor and prototype keys are refused.
  const fault = findDataFault(raw);
  if (fault) {
    const pos = positionOf(doc, lineCounter, fault.path);
    throw new ConfigError(`Invalid configuration in ${displayName}:\n  ${displayName}:${pos.line}:${pos.col}: ${describeDataFault(fault).message}`);
  }
  const ajv = new Ajv({ allErrors: true, strict: false, verbose: true });
  addFormats(ajv);
  const validate = ajv.compile(configJsonSchema);
  if (!validate(raw)) {
    const messages = (validate.errors ?? []).map((err) => {
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
  return withDefaults(raw as Partial<BacklotConfig>, displayName);
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

function withDefaults(raw: Partial<BacklotConfig>, displayName: string): BacklotConfig {
  const config: BacklotConfig = {
    ...structuredClone(CONFIG_DEFAULTS),
    ...raw,
    catalog: { ...CONFIG_DEFAULTS.catalog, ...raw.catalog },
    sections: (raw.sections ?? DEFAULT_SECTIONS).map((s) => ({ ...s, kinds: (s.kinds ?? []).map((k) => k.toLowerCase()) })),
  };
  if (raw.github) config.github = { ...GITHUB_DEFAULTS, ...raw.github };
  if (!config.base.endsWith('/')) config.base += '/';
  if (config.source === 'github' && !config.github) {
    throw new ConfigError(`${displayName}: source is "github" but there is no github section; add github.org: <your organisation>`);
  }
  return config;
}
