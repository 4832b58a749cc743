// `npm run bench`: generates a synthetic organisation of N entities, then runs `backlot collect` and
// `backlot build` on it as separate child processes, each measured (wall time, peak memory), and
// reports what the build produced (pages/s, dist size, entity page sizes, Pagefind index size).
// `--baseline` also builds N trivial pages with bare Astro, for comparison on the same machine.
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm, writeFile, mkdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { generateOrg } from './generate-org.ts';
import { measureDist, type DistStats } from './dist-stats.ts';
import { measurePageWeights } from './page-weight.ts';
import { measureEntityPageJs } from './entity-page-js.ts';
import { samplePeakTreeRss } from './process-tree-memory.ts';
import { formatBytes, formatMs, table } from './report-table.ts';
import { summariseCpuProfile } from './cpu-profile-summary.ts';
import type { MeasureResult } from './measure.ts';
import { parseStageTimes } from './stage-times.ts';
import { measureFirstQuery, type SearchWeight } from './search-weight.ts';

const help = `Usage: node bench/run.ts [options]

Options:
  --entities N      entities in the synthetic organisation (default 10000)
  --seed N          generator seed (default 42)
  --baseline        also build N trivial pages with bare Astro (bench/bare-astro/)
  --warm            build a second time with the cache the first left (kept diagram layouts,
                    rendered docs), as a scheduled run with .cache/ restored would
  --cpu-prof        profile collect and build (V8 CPU profiles kept, top self time printed)
  --json            print the figures as JSON on stdout
  --keep            keep the temporary folder (organisation, content, dist)
  --org-dir DIR     generate the organisation into DIR once and reuse it in later runs of the same size and seed
  --verbose         show the commands' own output
  --render-parts N  build as a matrix would: N parts (\`build --part i/N\`) one after another, then
                    \`assemble\`; reports each part's wall time and peak memory, and the projected
                    wall time with the parts in parallel (instead of the one-job build)
  --search-only     build only a share of the pages (\`build --part 1/K\`, ~2,000 entities), then
                    index the whole catalog into it as \`assemble\` would and measure the first
                    search: the search figures of a catalog too large to render here
  --concerns        instead: the cost collector on generated FOCUS exports (--cost-rows, default
                    1000000,5000000; the first also through papaparse alone, for reference) and the
                    metrics collector for --metrics-entities (default 1000) against a real
                    Prometheus (bench/concern-bench.ts)
  --docs            the docs figure instead: backlot docs preview vs MkDocs (Debian's mkdocs) on a
                    generated Markdown corpus, pages per second
  --docs-pages L    corpus sizes for --docs (default 300,3000)
  --github SIZES    instead: the GitHub source's REST and GraphQL paths against the stand-in,
                    for organisations of these sizes (e.g. 1000,10000): points, requests, wall time
  -h, --help        show this help
`;

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

interface StepResult extends MeasureResult {
  /** Milliseconds per stage, as the command logged them (`render: … (53231 ms)`). */
  stages: Record<string, number>;
  /** From spawn to exit, Node start-up included. */
  wallMs: number;
  /** Peak of the summed resident memory of the process and its children (e.g. the Pagefind binary). */
  peakTreeRssBytes: number;
}

/** Runs `node bench/measure.ts <module> …args` in the project root and measures it from outside too. */
async function runMeasured(label: string, workDir: string, nodeArgs: string[], module: string, args: string[], verbose: boolean): Promise<StepResult> {
  const resultFile = path.join(workDir, `${label}.result.json`);
  const logFile = path.join(workDir, `${label}.log`);
  const started = performance.now();
  const child = spawn(process.execPath, [...nodeArgs, path.join(projectRoot, 'bench/measure.ts'), module, ...args], {
    cwd: projectRoot,
    env: { ...process.env, BENCH_RESULT_FILE: resultFile, ASTRO_TELEMETRY_DISABLED: '1', CI: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const sampler = samplePeakTreeRss(child.pid!);
  const output: Buffer[] = [];
  for (const stream of [child.stdout, child.stderr]) {
    stream.on('data', (chunk: Buffer) => {
      output.push(chunk);
      if (verbose) process.stderr.write(chunk);
    });
  }
  const exitCode = await new Promise<number>((resolve) => child.on('close', (code) => resolve(code ?? 1)));
  const wallMs = performance.now() - started;
  const peakTreeRssBytes = sampler.stop();
  const log = Buffer.concat(output).toString('utf8');
  await writeFile(logFile, log);
  let measured: MeasureResult;
  try {
    measured = JSON.parse(await readFile(resultFile, 'utf8')) as MeasureResult;
  } catch {
    measured = { exitCode, runMs: wallMs, maxRssBytes: 0, cpuMs: 0, error: 'no result written' };
  }
  // Exit code 3 (partial) still produced content; anything else non-zero is a failed step.
  if (exitCode !== 0 && exitCode !== 3) {
    throw new Error(`${label} failed with exit code ${exitCode}; its output ends with:\n${log.split('\n').slice(-30).join('\n')}`);
  }
  return { ...measured, stages: parseStageTimes(log), wallMs: Math.round(wallMs), peakTreeRssBytes: Math.max(peakTreeRssBytes, measured.maxRssBytes) };
}

function formatSearch(search: SearchWeight | undefined): string {
  if (!search) return 'no entity to search for';
  return `${formatBytes(search.gzipBytes)} gzip (${formatBytes(search.bytes)} as served) in ${search.requests} requests, result after ${formatMs(search.ms)} ("${search.word}")`;
}

function formatStages(step: StepResult): string {
  const entries = Object.entries(step.stages);
  if (entries.length === 0) return '(none logged)';
  return entries.map(([name, ms]) => `${name} ${formatMs(ms)}`).join(', ');
}

async function countJsonFiles(dir: string): Promise<number> {
  const entries = await readdir(dir, { recursive: true }).catch(() => [] as string[]);
  return entries.filter((e) => e.endsWith('.json')).length;
}

/**
 * The synthetic organisation, generated once per folder: with --org-dir a later run of the same
 * size and seed reuses it (100,000 entities take minutes to write).
 */
async function generatedOrg(options: { entities: number; dir: string; seed: number }, reusable: boolean): Promise<Awaited<ReturnType<typeof generateOrg>> & { reused: boolean }> {
  const marker = path.join(options.dir, '.generated.json');
  if (reusable) {
    try {
      const saved = JSON.parse(await readFile(marker, 'utf8')) as { entities: number; seed: number; org: Awaited<ReturnType<typeof generateOrg>> };
      if (saved.entities === options.entities && saved.seed === options.seed) return { ...saved.org, reused: true };
    } catch {
      // not generated yet, or by another version: generate below
    }
    await rm(options.dir, { recursive: true, force: true });
  }
  const org = await generateOrg(options);
  if (reusable) await writeFile(marker, JSON.stringify({ entities: options.entities, seed: options.seed, org }));
  return { ...org, reused: false };
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    options: {
      entities: { type: 'string', default: '10000' },
      seed: { type: 'string', default: '42' },
      baseline: { type: 'boolean', default: false },
      warm: { type: 'boolean', default: false },
      'cpu-prof': { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      keep: { type: 'boolean', default: false },
      verbose: { type: 'boolean', default: false },
      concerns: { type: 'boolean', default: false },
      'cost-rows': { type: 'string', default: '1000000,5000000' },
      'metrics-entities': { type: 'string', default: '1000' },
      'org-dir': { type: 'string' },
      'render-parts': { type: 'string', default: '1' },
      'search-only': { type: 'boolean', default: false },
      docs: { type: 'boolean', default: false },
      'docs-pages': { type: 'string', default: '300,3000' },
      github: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(help);
    return 0;
  }
  if (values.concerns) {
    const { runConcernBench } = await import('./concern-bench.ts');
    await runConcernBench({ costRows: values['cost-rows'].split(',').map(Number), metricsEntities: Number(values['metrics-entities']) });
    return 0;
  }
  if (values.docs) {
    // The docs figure: Backlot's docs build beside MkDocs on the same generated corpus (bench/docs-bench.ts).
    const sizes = values['docs-pages'].split(',').map(Number);
    if (sizes.some((n) => !Number.isInteger(n) || n < 2)) {
      process.stderr.write(`bench: --docs-pages must be page counts like 300,3000\n`);
      return 2;
    }
    const { runDocsBench, formatDocsBench } = await import('./docs-bench.ts');
    const rows = await runDocsBench(sizes, (s) => process.stderr.write(`${s}\n`));
    process.stdout.write(values.json ? `${JSON.stringify(rows, null, 2)}\n` : `${formatDocsBench(rows)}\n`);
    return 0;
  }
  if (values.github !== undefined) {
    const { benchGithub, githubBenchHeading, githubBenchVerdict } = await import('./github-api.ts');
    const sizes = values.github.split(',').map(Number).filter((n) => Number.isInteger(n) && n > 0);
    process.stdout.write(githubBenchHeading() + '\n');
    const figures = await benchGithub(sizes.length ? sizes : [1000, 10000], (line) => process.stdout.write(line + '\n'));
    process.stdout.write(githubBenchVerdict(figures).join('\n') + '\n');
    if (values.json) process.stdout.write(JSON.stringify(figures, null, 2) + '\n');
    return 0;
  }
  const entities = Number(values.entities);
  if (!Number.isInteger(entities) || entities < 1) {
    process.stderr.write(`bench: --entities must be a positive integer\n\n${help}`);
    return 2;
  }
  const say = (line: string) => process.stderr.write(`bench: ${line}\n`);
  const workDir = await mkdtemp(path.join(os.tmpdir(), 'backlot-bench-'));
  // Build output inside the project (bench/.out/, git-ignored): with an out dir elsewhere, Astro keeps
  // its intermediate chunks in <project>/.astro/, shared with every other build of the checkout.
  await mkdir(path.join(projectRoot, 'bench/.out'), { recursive: true });
  const outRoot = await mkdtemp(path.join(projectRoot, 'bench/.out', 'run-'));
  const dirs = {
    org: values['org-dir'] ? path.resolve(values['org-dir']) : path.join(workDir, 'org'),
    content: path.join(workDir, 'content'),
    cache: path.join(workDir, 'cache'),
    dist: path.join(outRoot, 'dist'),
    profiles: path.join(workDir, 'profiles'),
  };
  try {
    let started = performance.now();
    const org = await generatedOrg({ entities, dir: dirs.org, seed: Number(values.seed) }, Boolean(values['org-dir']));
    const generateMs = Math.round(performance.now() - started);
    say(`${org.reused ? 'reused' : 'generated'} ${entities} entities in ${org.files} descriptor files (${formatMs(generateMs)})`);

    const configFile = path.join(workDir, 'backlot.config.yaml');
    await writeFile(configFile, `title: Benchmark\ncatalog:\n  locations:\n    - ${JSON.stringify(org.rootFile)}\n`);

    const profileArgs = async (step: string): Promise<string[]> => {
      if (!values['cpu-prof']) return [];
      const dir = path.join(dirs.profiles, step);
      await mkdir(dir, { recursive: true });
      return ['--cpu-prof', '--cpu-prof-dir', dir];
    };

    say('collect …');
    const collect = await runMeasured('collect', workDir, await profileArgs('collect'), 'cli/commands/collect.ts', ['--config', configFile, '--content-dir', dirs.content, '--cache-dir', dirs.cache], values.verbose);
    const collectedEntities = await countJsonFiles(path.join(dirs.content, 'catalog', 'entities'));

    if (values['search-only']) {
      const share = Math.max(1, Math.ceil(entities / 2000));
      say(`build part 1/${share} (the search page and a share of the entity pages) …`);
      const part = await runMeasured('part 1', workDir, [], 'cli/commands/build.ts', ['--config', configFile, '--content-dir', dirs.content, '--cache-dir', path.join(workDir, 'build-cache'), '--part', `1/${share}`, '--out', dirs.dist], values.verbose);
      say('search index of the whole catalog …');
      const index = await runMeasured('search index', workDir, [], 'bench/search-index.ts', ['--content-dir', dirs.content, '--out', dirs.dist], values.verbose);
      const dist: DistStats = await measureDist(dirs.dist);
      say('first search in Chromium …');
      const search = await measureFirstQuery(dirs.dist);
      const memory = (s: StepResult) => `${formatBytes(s.peakTreeRssBytes)} (with children)`;
      const indexLine = /search index: ([^\n]*)/.exec(await readFile(path.join(workDir, 'search index.log'), 'utf8'))?.[1] ?? '';
      const figures = { entities, collect, part, index, pagefind: { bytes: dist.pagefindBytes, files: dist.pagefindFiles }, search };
      process.stdout.write(values.json ? `${JSON.stringify(figures, null, 2)}\n` : [
        table(`collect: ${entities} entities`, [['wall time', formatMs(collect.wallMs)], ['peak memory', memory(collect)], ['entity records', String(collectedEntities)]]),
        table('search at this size', [
          [`build part 1/${share} (not measured for search)`, `${formatMs(part.wallMs)}, ${memory(part)}`],
          ['search index of the whole catalog', `${formatMs(index.wallMs)}, ${memory(index)}; ${indexLine}`],
          ['Pagefind index', `${formatBytes(dist.pagefindBytes)} in ${dist.pagefindFiles} files`],
          ['first search fetched', formatSearch(search)],
        ]),
      ].join('\n\n') + '\n');
      return 0;
    }

    const renderParts = Number(values['render-parts']);
    if (renderParts > 1) {
      const parts: StepResult[] = [];
      for (let i = 1; i <= renderParts; i++) {
        say(`build part ${i}/${renderParts} …`);
        parts.push(await runMeasured(`part ${i}`, workDir, [], 'cli/commands/build.ts', ['--config', configFile, '--content-dir', dirs.content, '--cache-dir', path.join(workDir, 'build-cache'), '--part', `${i}/${renderParts}`, '--out', path.join(outRoot, 'parts', String(i))], values.verbose));
      }
      say('assemble …');
      const assemble = await runMeasured('assemble', workDir, [], 'cli/commands/assemble.ts', ['--parts', path.join(outRoot, 'parts'), '--content-dir', dirs.content, '--out', dirs.dist, '--no-budgets', '--move'], values.verbose);
      const dist: DistStats = await measureDist(dirs.dist);
      const slowest = Math.max(...parts.map((p) => p.wallMs));
      const memory = (s: StepResult) => `${formatBytes(s.peakTreeRssBytes)} (with children)`;
      const search = await measureFirstQuery(dirs.dist);
      const figures = { entities, collect, parts, assemble, projectedWallMs: slowest + assemble.wallMs, htmlPages: dist.htmlPages, search };
      process.stdout.write(values.json ? `${JSON.stringify(figures, null, 2)}\n` : [
        table(`collect: ${entities} entities`, [['wall time', formatMs(collect.wallMs)], ['peak memory', memory(collect)], ['entity records', String(collectedEntities)]]),
        table(`build in ${renderParts} parts, one after another here`, [
          ...parts.map((p, i): [string, string] => [`part ${i + 1}/${renderParts}`, `${formatMs(p.wallMs)}, ${memory(p)}, stages ${formatStages(p)}`]),
          ['assemble (unite, budgets)', `${formatMs(assemble.wallMs)}, ${memory(assemble)}, stages ${formatStages(assemble)}`],
          ['projected, parts in parallel', `${formatMs(figures.projectedWallMs)} (slowest part + assemble)`],
          ['HTML pages', String(dist.htmlPages)],
          ['first search fetched', formatSearch(search)],
        ]),
      ].join('\n\n') + '\n');
      return 0;
    }

    say('build …');
    const build = await runMeasured('build', workDir, await profileArgs('build'), 'cli/commands/build.ts', ['--config', configFile, '--content-dir', dirs.content, '--cache-dir', path.join(workDir, 'build-cache'), '--out', dirs.dist, '--no-budgets'], values.verbose);
    // A scheduled build restores .cache/ (kept diagram layouts, rendered docs): built again on the
    // same content with the cache the first build left, as the next run of the workflow would.
    let warm: StepResult | undefined;
    if (values.warm) {
      say('build again, with what the first build kept …');
      // Into a fresh folder, as in CI's fresh checkout: replacing the first build's dist/ would add
      // deleting its 14,000 pages (~10 s here) to the figure.
      warm = await runMeasured('build (warm)', workDir, [], 'cli/commands/build.ts', ['--config', configFile, '--content-dir', dirs.content, '--cache-dir', path.join(workDir, 'build-cache'), '--out', `${dirs.dist}-warm`, '--no-budgets'], values.verbose);
    }
    const dist: DistStats = await measureDist(dirs.dist);
    const weights = await measurePageWeights(dirs.dist);
    say('first search in Chromium …');
    const search = await measureFirstQuery(dirs.dist);
    say('entity page in Chromium …');
    const entityJs = weights.entity ? await measureEntityPageJs(dirs.dist, weights.entity.page) : undefined;

    let baseline: (StepResult & { pages: number; pagesPerSecond: number }) | undefined;
    if (values.baseline) {
      say('bare-Astro baseline …');
      const out = path.join(outRoot, 'bare-astro');
      const step = await runMeasured('baseline', workDir, [], 'bench/bare-astro/build.ts', ['--pages', String(entities), '--out', out], values.verbose);
      const pages = (await measureDist(out)).htmlPages;
      baseline = { ...step, pages, pagesPerSecond: Math.round((pages / step.wallMs) * 1000) };
    }

    const figures = {
      entities,
      seed: Number(values.seed),
      generated: { countsByKind: org.countsByKind, descriptorFiles: org.files, ms: generateMs },
      collect: { ...collect, entityRecords: collectedEntities },
      build: { ...build, pagesPerSecond: Math.round((dist.htmlPages / build.wallMs) * 1000), dist, pageWeights: weights, search, entityPageJs: entityJs },
      ...(baseline ? { baseline } : {}),
      ...(warm ? { warm } : {}),
      machine: { cpus: os.cpus().length, memoryBytes: os.totalmem(), node: process.version },
    };

    if (values.json) {
      process.stdout.write(JSON.stringify(figures, null, 2) + '\n');
    } else {
      const memory = (s: StepResult) => `${formatBytes(s.maxRssBytes)} (process) / ${formatBytes(s.peakTreeRssBytes)} (with children)`;
      const blocks = [
        table(`Synthetic organisation: ${entities} entities, seed ${values.seed}`, [
          ['per kind', Object.entries(org.countsByKind).map(([k, n]) => `${k} ${n}`).join(', ')],
          ['descriptor files', String(org.files)],
        ]),
        table('collect', [
          ['wall time', formatMs(collect.wallMs)],
          ['peak memory', memory(collect)],
          ['CPU time', `${formatMs(collect.cpuMs)}${collect.childrenCpuMs ? `, ${formatMs(collect.childrenCpuMs)} in child processes` : ''}`],
          ['stages', formatStages(collect)],
          ['entity records', String(collectedEntities)],
        ]),
        table('build (Astro + Pagefind)', [
          ['wall time', formatMs(build.wallMs)],
          ['peak memory', memory(build)],
          ['CPU time', `${formatMs(build.cpuMs)}${build.childrenCpuMs !== undefined ? `, ${formatMs(build.childrenCpuMs)} in child processes (render, Pagefind)` : ''}`],
          ['stages', formatStages(build)],
          ['HTML pages', String(dist.htmlPages)],
          ['pages per second', `${figures.build.pagesPerSecond} (whole build)${build.stages.render ? `, ${Math.round((dist.htmlPages / build.stages.render) * 1000)} (render stage only)` : ''}`],
          ['dist/ size', formatBytes(dist.totalBytes)],
          ['entity pages', String(dist.entityPages)],
          ['entity page HTML', `median ${formatBytes(dist.entityHtmlMedianBytes)}, largest ${formatBytes(dist.entityHtmlMaxBytes)} (${dist.entityHtmlMaxPage})`],
          ['Pagefind index', `${formatBytes(dist.pagefindBytes)} in ${dist.pagefindFiles} files`],
          ['/catalog/ first view (gzip)', `${formatBytes(weights.catalog.total)}: HTML ${formatBytes(weights.catalog.html)}, CSS ${formatBytes(weights.catalog.css)}, JS ${formatBytes(weights.catalog.js)}`],
          ['first search fetched', formatSearch(search)],
          ['entity page JS up front (gzip)', weights.entity ? `${formatBytes(weights.entity.js)} (${weights.entity.page}; HTML ${formatBytes(weights.entity.html)}, CSS ${formatBytes(weights.entity.css)})` : 'no entity page'],
          ['entity page JS loaded (gzip)', entityJs ? `${formatBytes(entityJs.gzip)} in ${entityJs.files} files (${formatBytes(entityJs.bytes)} uncompressed), lazy chunks included; diagram drawn ${entityJs.msToDiagram === undefined ? 'n/a (none on the page)' : `${entityJs.msToDiagram} ms`} after navigation (Chromium)` : 'no entity page'],
        ]),
      ];
      if (warm) {
        blocks.push(
          table('build again with the kept cache (as the next scheduled run)', [
            ['wall time', formatMs(warm.wallMs)],
            ['peak memory', memory(warm)],
            ['CPU time', `${formatMs(warm.cpuMs)}${warm.childrenCpuMs !== undefined ? `, ${formatMs(warm.childrenCpuMs)} in child processes` : ''}`],
            ['stages', formatStages(warm)],
          ]),
        );
      }
      if (baseline) {
        blocks.push(
          table('bare Astro baseline (trivial pages)', [
            ['pages', String(baseline.pages)],
            ['wall time', formatMs(baseline.wallMs)],
            ['pages per second', String(baseline.pagesPerSecond)],
            ['peak memory', memory(baseline)],
          ]),
        );
      }
      process.stdout.write(blocks.join('\n\n') + '\n');
    }
    if (values['cpu-prof']) {
      for (const step of ['collect', 'build']) {
        const dir = path.join(dirs.profiles, step);
        for (const file of (await readdir(dir)).filter((f) => f.endsWith('.cpuprofile'))) {
          const summary = await summariseCpuProfile(path.join(dir, file), 10);
          const rows = summary.files.map((e): [string, string] => [`${(e.share * 100).toFixed(1)}%`, `${formatMs(e.selfMs)}  ${e.name}`]);
          process.stderr.write(`\n${table(`${step}: self time by file or package (${file}, ${formatMs(summary.totalMs)})`, rows)}\n`);
        }
      }
      say(`CPU profiles kept in ${dirs.profiles} (open in Chrome DevTools → Performance, or node bench/cpu-profile-summary.ts <file>)`);
      values.keep = true;
    }
    return 0;
  } finally {
    if (values.keep) say(`kept ${workDir} and ${outRoot}`);
    else await Promise.all([workDir, outRoot].map((d) => rm(d, { recursive: true, force: true })));
  }
}

if (import.meta.main) {
  main().then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`bench: ${(error as Error).message}\n`);
      process.exitCode = 1;
    },
  );
}
