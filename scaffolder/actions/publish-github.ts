// publish:github: creates the repository in the organisation (visibility, description, topics,
// default branch, team access, branch protection) and pushes the workspace as its first commit.
// An existing repository is never touched: the run stops before anything is created.
import { parseRepoUrl } from '../templater.ts';
import { createCommit, notFound } from '../github-git.ts';
import { insideFolder, ScaffoldError } from '../skeleton.ts';
import { listFiles } from '../workspace.ts';
import type { ActionContext, ScaffoldAction } from './types.ts';

type Permission = 'pull' | 'triage' | 'push' | 'maintain' | 'admin';

interface Collaborator {
  team?: string;
  user?: string;
  access: Permission;
}

export function readPublishInput(context: ActionContext) {
  const input = context.input;
  const parts = parseRepoUrl(input.repoUrl);
  const owner = parts.owner ?? parts.organization;
  if (!owner) throw new ScaffoldError(`${context.step.id}: repoUrl ${JSON.stringify(input.repoUrl)} names no owner`);
  const visibility = String(input.repoVisibility ?? 'private');
  if (!['private', 'internal', 'public'].includes(visibility)) throw new ScaffoldError(`${context.step.id}: repoVisibility must be private, internal or public, got ${JSON.stringify(visibility)}`);
  const collaborators: Collaborator[] = [];
  // Backstage's `access: org/team` gives that team admin.
  if (typeof input.access === 'string' && input.access.includes('/')) collaborators.push({ team: input.access.split('/').pop()!, access: 'admin' });
  for (const c of Array.isArray(input.collaborators) ? input.collaborators : []) {
    const entry = c as Record<string, unknown>;
    const access = String(entry.access ?? 'push') as Permission;
    if (!['pull', 'triage', 'push', 'maintain', 'admin'].includes(access)) throw new ScaffoldError(`${context.step.id}: collaborator access ${JSON.stringify(access)} is not a GitHub permission`);
    if (typeof entry.team === 'string') collaborators.push({ team: entry.team.split('/').pop()!, access });
    else if (typeof entry.user === 'string') collaborators.push({ user: entry.user, access });
  }
  return {
    host: parts.host,
    owner,
    repo: parts.repo,
    description: input.description === undefined ? undefined : String(input.description),
    homepage: input.homepageUrl === undefined ? undefined : String(input.homepageUrl),
    visibility: visibility as 'private' | 'internal' | 'public',
    defaultBranch: String(input.defaultBranch ?? 'master'),
    topics: Array.isArray(input.topics) ? input.topics.map(String) : [],
    collaborators,
    protect: input.protectDefaultBranch !== false,
    enforceAdmins: input.protectEnforceAdmins !== false,
    approvals: Number(input.requiredApprovingReviewCount ?? 1),
    codeOwnerReviews: input.requireCodeOwnerReviews === true,
    sourcePath: insideFolder(context.workspace, String(input.sourcePath ?? '.'), `${context.step.id}: input.sourcePath`),
    message: String(input.gitCommitMessage ?? 'initial commit'),
    author: typeof input.gitAuthorName === 'string' ? { name: input.gitAuthorName, email: String(input.gitAuthorEmail ?? 'scaffolder@backlot.invalid') } : undefined,
  };
}

export const publishGithub: ScaffoldAction = {
  id: 'publish:github',
  description: 'Creates a repository in the organisation and pushes the workspace as its first commit',
  async run(context) {
    const p = readPublishInput(context);
    const files = await listFiles(p.sourcePath);
    if (files.length === 0) throw new ScaffoldError(`${context.step.id}: nothing to publish (the workspace is empty)`);
    const plan = [
      `create ${p.visibility} repository ${p.owner}/${p.repo}${p.description ? ` (${p.description})` : ''}, default branch ${p.defaultBranch}`,
      `push ${files.length} file${files.length === 1 ? '' : 's'} as one commit: ${JSON.stringify(p.message)}`,
      ...(p.topics.length ? [`set topics ${p.topics.join(', ')}`] : []),
      ...p.collaborators.map((c) => `give ${c.team ? `team ${c.team}` : `user ${c.user}`} ${c.access} access`),
      ...(p.protect ? [`protect ${p.defaultBranch}: pull requests with ${p.approvals} approving review${p.approvals === 1 ? '' : 's'}`] : []),
    ];
    const webBase = `https://${p.host}/${p.owner}/${p.repo}`;
    if (context.dryRun || !context.octokit) {
      for (const line of plan) context.log(`would ${line}`);
      return { remoteUrl: webBase, repoContentsUrl: `${webBase}/blob/${p.defaultBranch}`, commitHash: undefined };
    }
    const octokit = context.octokit;
    if (!(await notFound(octokit.rest.repos.get({ owner: p.owner, repo: p.repo })))) {
      throw new ScaffoldError(`${context.step.id}: repository ${p.owner}/${p.repo} already exists; nothing was changed. Choose another name.`);
    }
    const created = await octokit.rest.repos.createInOrg({
      org: p.owner,
      name: p.repo,
      // `internal` exists for organisations of an enterprise; octokit's types list only public/private.
      visibility: p.visibility as 'public' | 'private',
      auto_init: true,
      ...(p.description !== undefined ? { description: p.description } : {}),
      ...(p.homepage !== undefined ? { homepage: p.homepage } : {}),
    });
    context.log(`created ${created.data.full_name}`);
    // auto_init gives the Git data API a branch to work with; our commit replaces it (no parent),
    // so the history is exactly one commit holding the rendered files.
    const initialBranch = created.data.default_branch ?? 'main';
    const commitHash = await createCommit(octokit, { owner: p.owner, repo: p.repo, files, message: p.message, parents: [], ...(p.author ? { author: p.author } : {}) });
    if (initialBranch === p.defaultBranch) {
      await octokit.rest.git.updateRef({ owner: p.owner, repo: p.repo, ref: `heads/${p.defaultBranch}`, sha: commitHash, force: true });
    } else {
      await octokit.rest.git.createRef({ owner: p.owner, repo: p.repo, ref: `refs/heads/${p.defaultBranch}`, sha: commitHash });
      await octokit.rest.repos.update({ owner: p.owner, repo: p.repo, default_branch: p.defaultBranch });
      await octokit.rest.git.deleteRef({ owner: p.owner, repo: p.repo, ref: `heads/${initialBranch}` });
    }
    context.log(`pushed ${files.length} files as ${commitHash}`);
    if (p.topics.length) await octokit.rest.repos.replaceAllTopics({ owner: p.owner, repo: p.repo, names: p.topics });
    for (const c of p.collaborators) {
      if (c.team) await octokit.rest.teams.addOrUpdateRepoPermissionsInOrg({ org: p.owner, team_slug: c.team, owner: p.owner, repo: p.repo, permission: c.access });
      else if (c.user) await octokit.rest.repos.addCollaborator({ owner: p.owner, repo: p.repo, username: c.user, permission: c.access });
    }
    if (p.protect) {
      await octokit.rest.repos.updateBranchProtection({
        owner: p.owner,
        repo: p.repo,
        branch: p.defaultBranch,
        required_status_checks: null,
        enforce_admins: p.enforceAdmins,
        required_pull_request_reviews: { required_approving_review_count: p.approvals, require_code_owner_reviews: p.codeOwnerReviews },
        restrictions: null,
      });
    }
    const remoteUrl = created.data.html_url;
    context.summary.push(`- Created repository [${p.owner}/${p.repo}](${remoteUrl})`);
    return { remoteUrl, repoContentsUrl: `${remoteUrl}/blob/${p.defaultBranch}`, commitHash };
  },
};
