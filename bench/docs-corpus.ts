// A synthetic docs repository for the docs benchmark: N Markdown pages in nested sections, each
// with what real pages have (headings, lists, a table, highlighted code, an admonition, relative
// links), an mkdocs.yml whose nav lists every page, and a catalog-info.yaml pointing at it, so the
// same folder is built by `backlot docs preview` and by MkDocs.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createSeededRandom } from './seeded-random.ts';

const WORDS = 'shipment parcel route depot carrier invoice label manifest customs tracking event queue retry backoff schema index cache latency throughput deploy rollback alert runbook owner team service api contract version release'.split(' ');
const PAGES_PER_SECTION = 25;

function sentence(random: ReturnType<typeof createSeededRandom>, words = 14): string {
  const text = Array.from({ length: words }, () => random.pick(WORDS)).join(' ');
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
}

/** The docs-relative path of page `i` (sections of 25, two levels deep). */
export function corpusPagePath(i: number): string {
  if (i === 0) return 'index.md';
  const section = Math.floor((i - 1) / PAGES_PER_SECTION);
  return `area-${Math.floor(section / 4)}/section-${section}/page-${i}.md`;
}

export function corpusPage(i: number, total: number, seed = 7): string {
  const random = createSeededRandom(seed * 100_003 + i);
  const here = corpusPagePath(i);
  const rel = (target: number) => path.posix.relative(path.posix.dirname(here), corpusPagePath(target));
  const next = (i + 1) % total;
  const lines = [
    `# Page ${i}: ${random.pick(WORDS)} ${random.pick(WORDS)}`,
    '',
    sentence(random, 30),
    '',
    '## Overview',
    '',
    `${sentence(random)} See [the next page](${rel(next)}) and [the first one](${rel(0)}#overview).`,
    '',
    ...Array.from({ length: 4 }, () => `- ${sentence(random, 8)}`),
    '',
    '!!! note "Good to know"',
    `    ${sentence(random)}`,
    '',
    '## Details',
    '',
    '| Setting | Default | Meaning |',
    '| --- | --- | --- |',
    ...Array.from({ length: 3 }, (_, k) => `| \`${random.pick(WORDS)}_${k}\` | ${random.int(1, 100)} | ${sentence(random, 6)} |`),
    '',
    '```python',
    `def ${random.pick(WORDS)}_${i}(value: int) -> int:`,
    `    """${sentence(random, 6)}"""`,
    `    return value * ${random.int(2, 9)}`,
    '```',
    '',
    '### Notes',
    '',
    sentence(random, 40),
    '',
  ];
  return lines.join('\n');
}

/** Writes the corpus repository into `dir`: catalog-info.yaml, mkdocs.yml (nav of every page), docs/. */
export async function writeDocsCorpus(dir: string, pages: number): Promise<void> {
  await mkdir(path.join(dir, 'docs'), { recursive: true });
  await writeFile(path.join(dir, 'catalog-info.yaml'), 'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: docs-corpus\n  annotations:\n    backstage.io/techdocs-ref: dir:.\nspec:\n  type: service\n  lifecycle: production\n  owner: group:default/bench\n');
  const areas = new Map<number, Map<number, number[]>>();
  for (let i = 1; i < pages; i++) {
    const section = Math.floor((i - 1) / PAGES_PER_SECTION);
    const area = Math.floor(section / 4);
    if (!areas.has(area)) areas.set(area, new Map());
    const sections = areas.get(area)!;
    if (!sections.has(section)) sections.set(section, []);
    sections.get(section)!.push(i);
  }
  const nav = ['nav:', '  - Home: index.md'];
  for (const [area, sections] of areas) {
    nav.push(`  - Area ${area}:`);
    for (const [section, list] of sections) {
      nav.push(`      - Section ${section}:`);
      for (const i of list) nav.push(`          - Page ${i}: ${corpusPagePath(i)}`);
    }
  }
  // MkDocs' own theme and search, no extensions beyond admonition: the reference build.
  await writeFile(path.join(dir, 'mkdocs.yml'), ['site_name: Docs corpus', 'repo_url: https://github.com/acme/docs-corpus', 'markdown_extensions:', '  - admonition', '  - tables', '  - fenced_code', ...nav, ''].join('\n'));
  for (let i = 0; i < pages; i++) {
    const file = path.join(dir, 'docs', corpusPagePath(i));
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, corpusPage(i, pages));
  }
}
