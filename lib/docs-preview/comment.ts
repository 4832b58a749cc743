// The one pull request comment of a docs preview: created on the first run, updated on every later
// one (found by a hidden marker), with the preview link and the docs' problems. Problems are text
// from the repository under review, so they go inside a code fence longer than any backtick run in
// them: no Markdown, mention or link from a docs file reaches the comment as markup.
import { Octokit } from 'octokit';

export const MARKER = '<!-- backlot-docs-preview -->';
const MAX_LISTED = 50;

export interface PreviewReport {
  pages: number;
  entry: string;
  problems: { severity: string; file: string; line: number; message: string }[];
}

export function previewCommentBody(report: PreviewReport, url: string | undefined, sha: string | undefined): string {
  const errors = report.problems.filter((p) => p.severity === 'error').length;
  const warnings = report.problems.length - errors;
  const lines = [MARKER, '### Docs preview', ''];
  lines.push(url ? `📖 [Open the preview](${encodeURI(url)}) — ${report.pages} pages` : `📖 ${report.pages} pages rendered; the preview is attached to the workflow run as an artifact.`);
  if (sha && /^[0-9a-f]{7,40}$/.test(sha)) lines.push('', `Built from ${sha.slice(0, 7)}.`);
  lines.push('', errors + warnings === 0 ? 'No broken links, no problems.' : `**${errors} errors, ${warnings} warnings** (broken links, invalid nav, refused files):`);
  if (report.problems.length > 0) {
    const text = report.problems.slice(0, MAX_LISTED).map((p) => `${p.file}:${p.line}: ${p.severity}: ${p.message}`.replace(/[\r\n]+/g, ' ')).join('\n');
    const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
    const fence = '`'.repeat(longest + 1);
    lines.push('', `${fence}text`, text, fence);
    if (report.problems.length > MAX_LISTED) lines.push('', `…and ${report.problems.length - MAX_LISTED} more in the run's log.`);
  }
  return lines.join('\n');
}

/** Creates the preview comment, or updates the one an earlier run made. Returns what it did. */
export async function upsertPreviewComment(options: { baseUrl: string; token: string; owner: string; repo: string; pull: number; body: string }): Promise<{ action: 'created' | 'updated'; id: number }> {
  const octokit = new Octokit({ auth: options.token, baseUrl: options.baseUrl, retry: { enabled: false }, throttle: { enabled: false } });
  const { owner, repo, pull } = options;
  const comments = await octokit.paginate(octokit.rest.issues.listComments, { owner, repo, issue_number: pull, per_page: 100 });
  const existing = comments.find((c) => c.body?.startsWith(MARKER));
  if (existing) {
    await octokit.rest.issues.updateComment({ owner, repo, comment_id: existing.id, body: options.body });
    return { action: 'updated', id: existing.id };
  }
  const created = await octokit.rest.issues.createComment({ owner, repo, issue_number: pull, body: options.body });
  return { action: 'created', id: created.data.id };
}
