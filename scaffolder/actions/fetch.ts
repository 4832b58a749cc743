// fetch:template and fetch:plain: a skeleton from the template's own folder into the workspace.
// Only local skeletons: a template that fetches from a URL would run content nobody reviewed here.
import { cp, mkdir, stat } from 'node:fs/promises';
import { insideFolder, renderSkeleton, ScaffoldError } from '../skeleton.ts';
import { isObject } from '../template.ts';
import type { ActionContext, ScaffoldAction } from './types.ts';

function localSource(context: ActionContext): string {
  const url = context.input.url;
  if (typeof url !== 'string' || url === '') throw new ScaffoldError(`${context.step.id}: input.url is required (a folder relative to the template, e.g. ./skeleton)`);
  if (/^[a-z][a-z0-9+.-]*:/i.test(url)) {
    throw new ScaffoldError(`${context.step.id}: input.url ${JSON.stringify(url)} is remote; Backlot fetches only folders inside the template's own folder`);
  }
  return insideFolder(context.templateDir, url, `${context.step.id}: input.url`);
}

function targetFolder(context: ActionContext): string {
  const targetPath = context.input.targetPath ?? './';
  return insideFolder(context.workspace, String(targetPath), `${context.step.id}: input.targetPath`);
}

export const fetchTemplate: ScaffoldAction = {
  id: 'fetch:template',
  description: 'Renders a skeleton folder (names and contents) with `values` into the workspace',
  async run(context) {
    const source = localSource(context);
    if (!(await stat(source).catch(() => null))?.isDirectory()) throw new ScaffoldError(`${context.step.id}: skeleton folder ${JSON.stringify(context.input.url)} does not exist`);
    const target = targetFolder(context);
    await mkdir(target, { recursive: true });
    const values = isObject(context.input.values) ? context.input.values : {};
    const copyWithoutTemplating = Array.isArray(context.input.copyWithoutTemplating) ? context.input.copyWithoutTemplating.map(String) : [];
    const files = await renderSkeleton({ source, target, templater: context.templater, context: { values }, copyWithoutTemplating });
    context.log(`rendered ${files.length} file${files.length === 1 ? '' : 's'} into ${String(context.input.targetPath ?? './')}`);
    return { files };
  },
};

export const fetchPlain: ScaffoldAction = {
  id: 'fetch:plain',
  description: 'Copies a folder of the template into the workspace as it is',
  async run(context) {
    const source = localSource(context);
    const target = targetFolder(context);
    await cp(source, target, { recursive: true, verbatimSymlinks: true, filter: async (p) => !(await stat(p)).isSymbolicLink() });
    context.log(`copied ${String(context.input.url)} into ${String(context.input.targetPath ?? './')}`);
    return {};
  },
};
