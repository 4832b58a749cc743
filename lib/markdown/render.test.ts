// The docs renderer as authors use it: GitHub's and MkDocs' Markdown in, safe HTML out, with
// warnings that name the author's line.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderMarkdown } from './render.ts';
import { prepareMarkdown } from './blocks.ts';
import { THEMES } from '../apidocs/highlight.ts';

test('GitHub-flavoured Markdown: tables, task lists, footnotes and autolinks', async () => {
  const { html, ids } = await renderMarkdown('| a | b |\n|---|---|\n| 1 | 2 |\n\n- [x] done\n- [ ] todo\n\nSee https://example.com and a note[^n].\n\n[^n]: The note.\n');
  assert.match(html, /<table>[\s\S]*<td>1<\/td>/);
  assert.match(html, /<input type="checkbox" checked disabled> done/);
  assert.match(html, /<a href="https:\/\/example.com" rel="nofollow noopener noreferrer">/);
  // The footnote reference points at an id that exists (one prefix, not two).
  const ref = /href="#(user-content-fn-n)"/.exec(html)?.[1];
  assert.ok(ref && ids.includes(ref), html);
});

test('MkDocs admonitions (titled, untitled, folded) and GitHub alerts become the same admonition', async () => {
  const md = '!!! warning "Mind the gap"\n    Body **bold**.\n\n    Second.\n\n??? tip\n    Folded.\n\n???+ note ""\n    Open, no title.\n\n> [!CAUTION]\n> GitHub caution.\n\nAfter.';
  const { html } = await renderMarkdown(md);
  assert.match(html, /<div class="admonition admonition-warning" role="note"><p class="admonition-title">Mind the gap<\/p>\s*<p>Body <strong>bold<\/strong>.<\/p>\s*<p>Second.<\/p>\s*<\/div>/);
  assert.match(html, /<details class="admonition admonition-tip"><summary class="admonition-title">Tip<\/summary>\s*<p>Folded.<\/p>/);
  assert.match(html, /<details class="admonition admonition-note" open>/);
  assert.match(html, /<div class="admonition admonition-caution" role="note"><p class="admonition-title">Caution<\/p>\s*<p>GitHub caution.<\/p>/);
  assert.match(html, /<p>After.<\/p>/);
});

test('content tabs: consecutive === blocks form one tab set that works without JavaScript', async () => {
  const { html } = await renderMarkdown('=== "Python"\n    ```python\n    print(1)\n    ```\n=== "Shell"\n    Run it.\n\nAfter.');
  assert.equal(html.match(/class="tab-set"/g)?.length, 1);
  assert.match(html, /<input type="radio" name="tabs-1" id="tabs-1-0" checked class="tab-input"><label for="tabs-1-0" class="tab-label">Python<\/label>/);
  assert.match(html, /<label for="tabs-1-1" class="tab-label">Shell<\/label><div class="tab-panel">\s*<p>Run it.<\/p>/);
  assert.match(html, /class="shiki/);
});

test('admonition syntax inside a code fence stays code', async () => {
  const { html } = await renderMarkdown('```\n!!! note\n    not an admonition\n```');
  assert.doesNotMatch(html, /class="admonition/);
  assert.match(html, /!!! note/);
});

test('code is coloured by Shiki at build time with both themes; unknown languages stay plain', async () => {
  const { html } = await renderMarkdown('```ts\nconst a: number = 1;\n```\n\n```nosuchlang\nx\n```');
  // The API pages' highlighter and themes, whichever they are.
  assert.ok(html.includes(`<pre class="shiki shiki-themes ${THEMES.light} ${THEMES.dark}"`), html);
  assert.match(html, /--shiki-dark:/);
  assert.match(html, /<pre><code class="language-nosuchlang">x\n<\/code><\/pre>/);
});

test('a mermaid block becomes a figure with its source as text, and the page is flagged', async () => {
  const plain = await renderMarkdown('No diagram.');
  assert.equal(plain.hasDiagram, false);
  const { html, hasDiagram } = await renderMarkdown('```mermaid\ngraph LR\n  a["<img src=x onerror=alert(1)>"] --> b\n```');
  assert.equal(hasDiagram, true);
  assert.match(html, /<figure class="diagram" data-mermaid="" data-testid="diagram">/);
  assert.match(html, /<pre class="diagram-source">graph LR\n {2}a\["&#x3C;img src=x onerror=alert\(1\)>"\] --> b<\/pre>/);
});

test('headings get GitHub slugs (unique per page), a TOC of h2/h3, and the first h1 is the title', async () => {
  const { toc, title, html } = await renderMarkdown('# Shipment service\n\n## Set up\n\n### Set up\n\n#### Deep\n\n## Émile & Co.');
  assert.equal(title, 'Shipment service');
  assert.deepEqual(toc, [
    { depth: 2, text: 'Set up', id: 'set-up' },
    { depth: 3, text: 'Set up', id: 'set-up-1' },
    { depth: 2, text: 'Émile & Co.', id: 'émile--co' },
  ]);
  assert.match(html, /<h4 id="deep">/);
});

test('raw HTML is sanitised, and each removal is a warning on the author\'s line', async () => {
  const md = [
    'Intro', // 1
    '', // 2
    '<script>alert("s")</script>', // 3
    '', // 4
    '<img src="https://example.com/x.png" onerror="alert(1)">', // 5
    '', // 6
    '<a href="javascript:alert(2)">js</a> <a href="data:text/html,x">data</a>', // 7
    '', // 8
    '<svg><script>alert(3)</script></svg>', // 9
    '', // 10
    '<style>body{display:none}</style><p style="position:fixed">styled</p>', // 11
    '', // 12
    '<form action="https://evil.example"><input name=a></form><iframe src="https://evil.example/"></iframe>', // 13
    '', // 14
    '[md js](javascript:alert(4))', // 15
  ].join('\n');
  const { html, warnings } = await renderMarkdown(md);
  for (const forbidden of [/<script/i, /onerror/i, /javascript:/i, /data:text/i, /<svg/i, /<style/i, /style=/i, /<form/i, /<iframe/i, /alert/]) assert.doesNotMatch(html, forbidden);
  assert.match(html, /styled/);
  const at = (line: number) => warnings.filter((w) => w.line === line).map((w) => w.message).join(' | ');
  assert.match(at(3), /<script> removed/);
  assert.match(at(5), /event handler onerror on <img> removed/);
  assert.match(at(7), /javascript: URL on <a> removed/);
  assert.match(at(7), /data: URL on <a> removed/);
  assert.match(at(9), /<svg> removed/);
  assert.match(at(11), /<style> removed/);
  assert.match(at(11), /style attribute on <p> removed/);
  assert.match(at(13), /<form> removed/);
  assert.match(at(13), /iframe "https:\/\/evil.example\/" removed/);
  assert.match(at(15), /javascript: URL on <a> removed/);
});

test('iframes stay only for allow-listed https hosts, sandboxed', async () => {
  const md = '<iframe src="https://www.youtube-nocookie.com/embed/x"></iframe>\n\n<iframe src="http://www.youtube-nocookie.com/embed/y"></iframe>';
  const { html, warnings } = await renderMarkdown(md, { iframeHosts: ['www.youtube-nocookie.com'] });
  assert.match(html, /<iframe src="https:\/\/www.youtube-nocookie.com\/embed\/x"[^>]*sandbox="allow-scripts allow-same-origin"/);
  assert.doesNotMatch(html, /embed\/y/);
  assert.equal(warnings.length, 1);
});

test('links and images go through the resolver; a dropped link keeps its text, an anchor to a missing heading warns', async () => {
  const seen: string[] = [];
  const { html, warnings, crossLinks } = await renderMarkdown('# Top\n\n[other](other.md#part) ![pic](img/a.png) [gone](gone.md) [up](#top) [nowhere](#nowhere)', {
    resolveLink: ({ url, kind }) => {
      seen.push(`${kind}:${url}`);
      if (url === 'other.md#part') return { href: '/docs/x/other/#part', target: { page: 'other.md', anchor: 'part' } };
      if (url === 'img/a.png') return { href: '/docs-assets/x/img/a.png' };
      if (url.startsWith('#')) return { href: url };
      return { drop: `broken link ${url}` };
    },
  });
  assert.deepEqual(seen, ['link:other.md#part', 'image:img/a.png', 'link:gone.md', 'link:#top', 'link:#nowhere']);
  assert.match(html, /<a href="\/docs\/x\/other\/#part">other<\/a>/);
  assert.match(html, /<img src="\/docs-assets\/x\/img\/a.png" alt="pic" loading="lazy">/);
  assert.match(html, / gone /);
  assert.deepEqual(crossLinks, [{ page: 'other.md', anchor: 'part', line: 3 }]);
  assert.deepEqual(warnings.map((w) => [w.line, w.message]), [[3, 'broken link gone.md'], [3, 'link to "#nowhere": no such heading on this page']]);
});

test('the rewrite of MkDocs blocks keeps a map back to the author\'s lines', () => {
  const prepared = prepareMarkdown('a\n!!! note\n    body\nb');
  const lines = prepared.text.split('\n');
  assert.equal(prepared.lineOf[lines.indexOf('> body')], 3);
  assert.equal(prepared.lineOf[lines.indexOf('b')], 4);
});
