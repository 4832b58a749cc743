// `backlot lint`: checks a repository's catalog-info.yaml the way the portal will read it, so a
// service team finds a broken descriptor in its pull request, not after the next portal build.
import { parseArgs } from 'node:util';
import { readFile, stat } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import type { Command } from '../command.ts';
import { EXIT } from '../command.ts';
import { assembleCatalog, compareProblems, readEntities, safeParseEntityRef, stringifyEntityRef } from '../../lib/catalog/index.ts';
import type { LocatedEntity, Problem } from '../../lib/catalog/index.ts';
import { createLocalSource, fileLocation } from '../../collectors/local/source.ts';
import { createAllowedHostsReader } from '../../collectors/url/allowed-hosts-reader.ts';
import { withUrlReaders } from '../../lib/catalog/url-readers.ts';
import { toLogLine } from '../../lib/log/single-line.ts';
import { parseJsonInput } from '../../lib/parse/json.ts';
import { checkEntityDocs } from '../../collectors/docs/check.ts';

const help = `Usage: backlot lint [paths…] [options]

Validates Backstage-style catalog descriptors: YAML syntax, the JSON Schema of each kind,
Backstage's naming rules (names, namespaces, tags, labels, annotations, links), entity
references, Location targets and $text/$json/$yaml substitutions. Every problem names the file,
line and column of the offending field.

Paths may be files or folders (a folder is read from its catalog-info.yaml or catalog-info.yml).
Location entities are followed, relative to the file that holds them; files outside the
working directory (or outside the folder given, if that is elsewhere) are refused. Default: .

Options:
  --known <file>        Refs that exist elsewhere in the organisation: a JSON array of refs
                        ("group:default/team-a"), or the portal's /api/catalog.json
                        ({ "entities": [{ "ref": … }] }). With it, a reference to an entity
                        found neither here nor there is an error. Without it, such references
                        are warnings: a single repository rarely holds its owner group or
                        system, so they cannot be checked, only pointed out.
  --format <human|json> human (default): file:line:column: severity: message (rule) [ref],
                        with a hint line. json: { "problems": [...], "entities": <count> }.
  --max-file-bytes <n>  Refuse descriptor files larger than this (default 1048576).
  --allow-host <host>   Read $text/$json/$yaml and Location URLs on this host (repeatable),
                        as catalog.allowedHosts does for the portal: public addresses only,
                        within the size cap, redirects only to allowed hosts. Without it,
                        URL targets are "not fetched" warnings.
  --no-docs             Skip the docs check. By default an entity with backstage.io/techdocs-ref
                        has its docs read and rendered as the portal will: broken links (pages,
                        headings, images), files refused (symbolic links out, too large, SVG with
                        script) and mkdocs.yml mistakes are reported with file:line.
  -h, --help            Show this help.

When GITHUB_ACTIONS=true, problems are also written as ::error / ::warning workflow commands,
so they show as annotations on the pull request's changed lines.

Exit codes: 0 no errors (warnings allowed), 1 errors found, 2 wrong usage.

Examples:
  backlot lint
  backlot lint services/payments/catalog-info.yaml
  curl -sSfo known.json https://portal.example.com/api/catalog.json && backlot lint --known known.json
  backlot lint --format json . > lint.json
`;

/** Where lint writes and what it reads from the environment: the process by default, fakes in tests. */
export interface LintIO {
  stdout: { write(s: string): unknown };
  stderr: { write(s: string): unknown };
  env: NodeJS.ProcessEnv;
}

export const command: Command = {
  name: 'lint',
  summary: 'Validate catalog-info.yaml files (for service repositories and CI)',
  help,
  run: (args) => runLint(args, { stdout: process.stdout, stderr: process.stderr, env: process.env }),
};

export async function runLint(args: string[], io: LintIO): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      options: {
        known: { type: 'string' },
        format: { type: 'string', default: 'human' },
        'max-file-bytes': { type: 'string' },
        'allow-host': { type: 'string', multiple: true },
        'no-docs': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (e) {
    io.stderr.write(`backlot lint: ${(e as Error).message}\n\n${help}`);
    return EXIT.usage;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.stdout.write(help);
    return EXIT.ok;
  }
  if (values.format !== 'human' && values.format !== 'json') {
    io.stderr.write(toLogLine(`backlot lint: --format must be human or json, not "${values.format}"`) + '\n');
    return EXIT.usage;
  }
  const maxFileBytes = values['max-file-bytes'] === undefined ? undefined : Number(values['max-file-bytes']);
  if (maxFileBytes !== undefined && !(Number.isInteger(maxFileBytes) && maxFileBytes > 0)) {
    io.stderr.write(`backlot lint: --max-file-bytes must be a positive whole number\n`);
    return EXIT.usage;
  }
  const allowedHosts = values['allow-host'] ?? [];
  let known: Set<string> | undefined;
  if (values.known !== undefined) {
    const loaded = await readKnownRefs(values.known);
    if ('error' in loaded) {
      io.stderr.write(toLogLine(`backlot lint: --known ${values.known}: ${loaded.error}`) + '\n');
      return EXIT.usage;
    }
    known = loaded.refs;
  }

  const problems: Problem[] = [];
  const entities: LocatedEntity[] = [];
  const files: string[] = [];
  // One set of files read for the whole run: a file named on the command line and also reached
  // through a Location (`backlot lint a.yaml catalog-info.yaml`) is one file, not a duplicate.
  const visited = new Set<string>();
  const readers = allowedHosts.length > 0 ? [createAllowedHostsReader({ allowedHosts })] : [];
  for (const path of positionals.length ? positionals : ['.']) {
    const root = await rootFileOf(path);
    if ('problem' in root) {
      problems.push(root.problem);
      continue;
    }
    const source = withUrlReaders(createLocalSource(confinementRootOf(root.file)), readers, { maxBytes: maxFileBytes });
    const read = await readEntities([fileLocation(root.file)], source, { maxFileBytes, visited });
    problems.push(...read.problems);
    entities.push(...read.entities);
    files.push(...read.files);
  }
  const catalog = assembleCatalog(entities, { known, danglingSeverity: known ? 'error' : 'warning' });
  problems.push(...catalog.problems);
  // An entity with backstage.io/techdocs-ref: its docs are checked as the portal will render them.
  if (!values['no-docs']) problems.push(...(await checkEntityDocs(catalog.entities)));
  problems.sort(compareProblems);

  const errors = problems.filter((p) => p.severity === 'error').length;
  const warnings = problems.length - errors;
  if (values.format === 'json') {
    io.stdout.write(JSON.stringify({ problems, entities: catalog.entities.length }, null, 2) + '\n');
  } else {
    if (io.env.GITHUB_ACTIONS === 'true') for (const p of problems) io.stdout.write(formatAnnotation(p) + '\n');
    for (const p of problems) io.stdout.write(formatProblem(p) + '\n');
    const fileCount = new Set(files).size;
    const counts = `${plural(fileCount, 'file')}, ${plural(catalog.entities.length, 'entity', 'entities')}`;
    io.stdout.write(problems.length === 0 ? `✔ ${counts}: no problems\n` : `${errors ? '✖' : '⚠'} ${plural(errors, 'error')}, ${plural(warnings, 'warning')} (${counts})\n`);
  }
  return errors > 0 ? EXIT.failed : EXIT.ok;
}

/** `file:line:column: severity: message (rule) [ref]`, then the hint: the shape editors and terminals link. */
export function formatProblem(p: Problem): string {
  // Each printed line is single-line and inert (lib/log/single-line.ts): a message quoting a
  // descriptor value cannot end the line and start a workflow command on the next.
  const head = toLogLine(`${p.file}:${p.line}:${p.column}: ${p.severity}: ${p.message} (${p.rule})${p.entityRef ? ` [${p.entityRef}]` : ''}`);
  return p.hint ? `${head}\n  hint: ${toLogLine(p.hint)}` : head;
}

/** A GitHub Actions workflow command, escaped as the runner requires. */
export function formatAnnotation(p: Problem): string {
  const property = (s: string) => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
  const title = `${p.rule}${p.entityRef ? ` ${p.entityRef}` : ''}`;
  const message = p.hint ? `${p.message}\n${p.hint}` : p.message;
  return `::${p.severity} file=${property(p.file)},line=${p.line},col=${p.column},title=${property(title)}::${escapeData(message)}`;
}

function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** A folder stands for its catalog-info.yaml (or .yml); a file for itself; a missing path is reported when read. */
async function rootFileOf(path: string): Promise<{ file: string } | { problem: Problem }> {
  const info = await stat(path).catch(() => undefined);
  if (!info?.isDirectory()) return { file: resolve(path) };
  for (const name of ['catalog-info.yaml', 'catalog-info.yml']) {
    const candidate = join(path, name);
    if ((await stat(candidate).catch(() => undefined))?.isFile()) return { file: resolve(candidate) };
  }
  return {
    problem: {
      file: relative(process.cwd(), resolve(path)) || '.',
      line: 1,
      column: 1,
      severity: 'error',
      rule: 'no-descriptor',
      message: `No catalog-info.yaml or catalog-info.yml in ${path}`,
      hint: 'Add a catalog-info.yaml at the top of the repository, or give the descriptor\'s path.',
    },
  };
}

/** Files are read from the working directory down; a path given outside it is confined to its own folder. */
function confinementRootOf(file: string): string {
  const cwd = process.cwd();
  const rel = relative(cwd, file);
  return rel.startsWith('..') || isAbsolute(rel) ? dirname(file) : cwd;
}

/** Reads `--known`: a JSON array of refs, or `{ entities: [{ ref }] }` as the portal publishes it. */
export async function readKnownRefs(path: string): Promise<{ refs: Set<string> } | { error: string }> {
  let data: unknown;
  try {
    data = parseJsonInput(await readFile(path, 'utf8'), path);
  } catch (e) {
    return { error: (e as Error).message };
  }
  const list = Array.isArray(data)
    ? data
    : Array.isArray((data as { entities?: unknown })?.entities)
      ? (data as { entities: unknown[] }).entities.map((e) => (typeof e === 'string' ? e : (e as { ref?: unknown })?.ref))
      : undefined;
  if (!list) return { error: 'expected a JSON array of refs, or { "entities": [{ "ref": "kind:namespace/name" }] }' };
  const refs = new Set<string>();
  for (const item of list) {
    const parsed = typeof item === 'string' ? safeParseEntityRef(item) : { error: `not a string: ${JSON.stringify(item)}` };
    if ('error' in parsed) return { error: `bad ref: ${parsed.error}` };
    refs.add(stringifyEntityRef(parsed));
  }
  return { refs };
}
