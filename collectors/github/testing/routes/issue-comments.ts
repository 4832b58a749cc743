// The stand-in's pull request comments (the issues API), for the docs preview workflow's comment
// step: list, create and update. Shapes from GitHub's OpenAPI example `issue-comment`, copied into
// recordings/issue-comment.json with:
//   node -e "const s=require('./node_modules/@octokit/openapi/generated/api.github.com.json'); console.log(JSON.stringify({ issueComment: s.components.examples['issue-comment'].value }, null, 2))"
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Route, StandInWorld } from './route.ts';

const example = (JSON.parse(readFileSync(path.join(import.meta.dirname, '../recordings/issue-comment.json'), 'utf8')) as { issueComment: Record<string, unknown> }).issueComment;

export interface StandInComment {
  id: number;
  issue: number;
  repo: string;
  body: string;
  createdAt: string;
  updatedAt: string;
}

/** Every comment the stand-in holds, for tests to read (`world.state('issue-comments', …)`). */
export function commentsOf(world: Pick<StandInWorld, 'state'>): StandInComment[] {
  return world.state('issue-comments', () => [] as StandInComment[]);
}

function body(world: StandInWorld, comment: StandInComment): Record<string, unknown> {
  const api = `${world.origin}${world.prefix}/repos/${world.org}/${comment.repo}`;
  return {
    ...example,
    id: comment.id,
    node_id: Buffer.from(`IssueComment${comment.id}`).toString('base64'),
    url: `${api}/issues/comments/${comment.id}`,
    html_url: `${world.origin}/${world.org}/${comment.repo}/pull/${comment.issue}#issuecomment-${comment.id}`,
    issue_url: `${api}/issues/${comment.issue}`,
    body: comment.body,
    created_at: comment.createdAt,
    updated_at: comment.updatedAt,
  };
}

const text = (request: { body: unknown }) => (request.body as { body?: unknown } | undefined)?.body;

export const issueCommentRoutes: Route[] = [
  {
    method: 'GET',
    path: '/repos/:owner/:repo/issues/:number/comments',
    handle: (request, world) => {
      if (!world.repository(request.params)) return null;
      const list = commentsOf(world).filter((c) => c.repo === request.params.repo && c.issue === Number(request.params.number));
      return world.paginate(list.map((c) => body(world, c)), request);
    },
  },
  {
    method: 'POST',
    path: '/repos/:owner/:repo/issues/:number/comments',
    handle: (request, world) => {
      if (!world.repository(request.params)) return null;
      if (typeof text(request) !== 'string') return { status: 422, body: { message: 'Invalid request.\n\n"body" wasn\'t supplied.', documentation_url: 'https://docs.github.com/rest/issues/comments#create-an-issue-comment', status: '422' } };
      const list = commentsOf(world);
      const now = new Date().toISOString();
      const comment: StandInComment = { id: list.length + 1, issue: Number(request.params.number), repo: request.params.repo, body: text(request) as string, createdAt: now, updatedAt: now };
      list.push(comment);
      return { status: 201, body: body(world, comment) };
    },
  },
  {
    method: 'PATCH',
    path: '/repos/:owner/:repo/issues/comments/:id',
    handle: (request, world) => {
      const comment = commentsOf(world).find((c) => c.repo === request.params.repo && c.id === Number(request.params.id));
      if (!comment || typeof text(request) !== 'string') return null;
      comment.body = text(request) as string;
      comment.updatedAt = new Date().toISOString();
      return { body: body(world, comment) };
    },
  },
];
