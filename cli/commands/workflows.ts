// `backlot workflows`: writes (or, with --check, compares) the scaffold-<name>.yml workflow of every
// template, so the form GitHub shows always matches the template's parameters.
import { readFile, readdir, writeFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Command } from '../command.ts';
import { EXIT, parseCommandOptions } from '../command.ts';
import { loadTemplates } from '../../scaffolder/template.ts';
import { generateWorkflow } from '../../scaffolder/workflows/generate.ts';
import type { CatalogNames } from '../../scaffolder/workflows/generate.ts';

const help = `Usage: backlot workflows [options]

Generates .github/workflows/scaffold-<name>.yml for every templates/<name>/template.yaml: a
workflow_dispatch form whose inputs come from the template's parameters (choice for enums,
boolean, number, string; titles, descriptions and defaults carried). GitHub allows 25 inputs;
the parameters beyond 24 travel in one JSON input, more_values, validated like the rest.
With --catalog-dir, an OwnerPicker / EntityPicker becomes a choice of the catalog's entities of
its kinds (up to 100).

Options:
  --templates <dir>     templates folder (default: templates)
  --out <dir>           workflows folder (default: .github/workflows)
  --catalog-dir <dir>   collected catalog (src/content/generated/catalog) for picker choices
  --check               write nothing; exit 1 if a workflow is missing, differs or has no template
  -h, --help            show this help

Exit codes: 0 up to date / written, 1 --check found a difference or a template is broken.
`;

export const command: Command = {
  name: 'workflows',
  summary: 'Generate the scaffold-<name>.yml workflow of every template (--check compares)',
  help,
  async run(args) {
    const opts = parseCommandOptions({ name: 'workflows', help }, args, {
      templates: { type: 'string', default: 'templates' },
      out: { type: 'string', default: '.github/workflows' },
      'catalog-dir': { type: 'string' },
      check: { type: 'boolean', default: false },
    });
    if (!opts) return EXIT.usage;
    const result = await syncWorkflows({ templatesDir: opts.templates, outDir: opts.out, check: opts.check, ...(opts['catalog-dir'] ? { catalogDir: opts['catalog-dir'] } : {}) });
    for (const line of result.messages) process.stdout.write(line + '\n');
    return result.ok ? EXIT.ok : EXIT.failed;
  },
};

export async function syncWorkflows(options: { templatesDir: string; outDir: string; check: boolean; catalogDir?: string; root?: string }): Promise<{ ok: boolean; messages: string[] }> {
  const root = options.root ?? process.cwd();
  const templatesDir = path.resolve(root, options.templatesDir);
  const outDir = path.resolve(root, options.outDir);
  const { templates, problems } = await loadTemplates(templatesDir);
  const messages = problems.map((p) => `${path.relative(root, p.file)}:${p.line}:${p.column}: error: ${p.message} (${p.rule})`);
  const catalog = options.catalogDir ? await readCatalogNames(path.resolve(root, options.catalogDir)) : undefined;
  const expected = new Map<string, string>();
  for (const template of templates) {
    const { file, text } = generateWorkflow(template, { ...(catalog ? { catalog } : {}), source: path.relative(root, template.file).split(path.sep).join('/') });
    expected.set(file, text);
  }
  const existing = (await readdir(outDir).catch(() => [] as string[])).filter((f) => /^scaffold-.*\.yml$/.test(f));
  let differences = 0;
  for (const [file, text] of expected) {
    const target = path.join(outDir, file);
    const current = await readFile(target, 'utf8').catch(() => undefined);
    if (current === text) continue;
    differences += 1;
    if (options.check) messages.push(`${path.relative(root, target)}: ${current === undefined ? 'missing' : 'differs from its template'}; run \`npm run backlot -- workflows\``);
    else {
      await mkdir(outDir, { recursive: true });
      await writeFile(target, text);
      messages.push(`wrote ${path.relative(root, target)}`);
    }
  }
  for (const file of existing) {
    if (!expected.has(file)) {
      differences += 1;
      messages.push(`${path.relative(root, path.join(outDir, file))}: no template templates/${file.slice('scaffold-'.length, -'.yml'.length)}/ generates it; delete it`);
    }
  }
  messages.push(`workflows: ${templates.length} template${templates.length === 1 ? '' : 's'}, ${options.check ? `${differences} out of date` : `${differences} written`}`);
  return { ok: problems.length === 0 && (!options.check || differences === 0), messages };
}

/** Entity refs by kind from the collected catalog (`entities/<namespace>/<kind>/<name>.json`). */
async function readCatalogNames(dir: string): Promise<CatalogNames> {
  const byKind: Record<string, string[]> = {};
  const entities = path.join(dir, 'entities');
  for (const namespace of await readdir(entities).catch(() => [] as string[])) {
    for (const kind of await readdir(path.join(entities, namespace)).catch(() => [] as string[])) {
      for (const file of await readdir(path.join(entities, namespace, kind)).catch(() => [] as string[])) {
        if (file.endsWith('.json')) (byKind[kind] ??= []).push(`${kind}:${namespace}/${file.slice(0, -'.json'.length)}`);
      }
    }
  }
  return { byKind };
}
