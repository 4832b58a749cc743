// catalog:write: writes an entity as catalog-info.yaml into the workspace (Backstage's built-in),
// serialised by the yaml library so values are always YAML data, never YAML structure.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { stringify } from 'yaml';
import { insideFolder, ScaffoldError } from '../skeleton.ts';
import { isObject } from '../template.ts';
import type { ScaffoldAction } from './types.ts';

export const catalogWrite: ScaffoldAction = {
  id: 'catalog:write',
  description: 'Writes input.entity as YAML to input.filePath (default catalog-info.yaml) in the workspace',
  async run(context) {
    const entity = context.input.entity;
    if (!isObject(entity)) throw new ScaffoldError(`${context.step.id}: input.entity must be an entity (a mapping)`);
    const filePath = String(context.input.filePath ?? 'catalog-info.yaml');
    const target = insideFolder(context.workspace, filePath, `${context.step.id}: input.filePath`);
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, stringify(entity));
    context.log(`wrote ${filePath}`);
    return {};
  },
};
