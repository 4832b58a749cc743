// publish:github:pull-request: the workspace as one commit on a new branch of an existing
// repository, and a pull request into its default branch. An existing branch is never moved.
import { parseRepoUrl } from '../templater.ts';
import { createCommit, notFound } from '../github-git.ts';
import { insideFolder, ScaffoldError } from '../skeleton.ts';
import { listFiles } from '../workspace.ts';
import type { ScaffoldAction } from './types.ts';

export const publishGithubPullRequest: ScaffoldAction = {
  id: 'publish:github:pull-request',
  description: 'Opens a pull request that adds the workspace files to an existing repository',
  async run(context) {
    const input = context.input;
    const parts = parseRepoUrl(input.repoUrl);
    const owner = parts.owner ?? parts.organization;
    if (!owner) throw new ScaffoldError(`${context.step.id}: repoUrl ${JSON.stringify(input.repoUrl)} names no owner`);
    const repo = parts.repo;
    const branchName = String(input.branchName ?? '');
    if (!/^(?!.*\.\.)(?!\/)[A-Za-z0-9._\/-]+(?<![\/.])$/.test(branchName)) {
      throw new ScaffoldError(`${context.step.id}: branchName ${JSON.stringify(branchName)} is not a valid branch name`);
    }
    const title = String(input.title ?? '');
    if (!title) throw new ScaffoldError(`${context.step.id}: input.title is required`);
    const targetPath = input.targetPath === undefined ? '' : String(input.targetPath);
    // The files land under targetPath in the repository: checked like a workspace path so it cannot climb out.
    const prefix = targetPath ? insideFolder('/repo', targetPath, `${context.step.id}: input.targetPath`).slice('/repo/'.length) : '';
    const source = insideFolder(context.workspace, String(input.sourcePath ?? '.'), `${context.step.id}: input.sourcePath`);
    const files = await listFiles(source);
    if (files.length === 0) throw new ScaffoldError(`${context.step.id}: nothing to publish (the workspace is empty)`);
    const message = String(input.commitMessage ?? title);
    if (context.dryRun || !context.octokit) {
      context.log(`would push ${files.length} file${files.length === 1 ? '' : 's'} to a new branch ${branchName} of ${owner}/${repo}${prefix ? ` under ${prefix}/` : ''}`);
      context.log(`would open pull request ${JSON.stringify(title)} into ${String(input.targetBranchName ?? 'the default branch')}`);
      return { remoteUrl: `https://${parts.host}/${owner}/${repo}/pulls`, pullRequestNumber: undefined, targetBranchName: input.targetBranchName };
    }
    const octokit = context.octokit;
    let repository;
    try {
      repository = (await octokit.rest.repos.get({ owner, repo })).data;
    } catch (error) {
      if ((error as { status?: number }).status === 404) throw new ScaffoldError(`${context.step.id}: repository ${owner}/${repo} does not exist (or the token cannot see it)`);
      throw error;
    }
    const base = String(input.targetBranchName ?? repository.default_branch);
    if (!(await notFound(octokit.rest.git.getRef({ owner, repo, ref: `heads/${branchName}` })))) {
      throw new ScaffoldError(`${context.step.id}: branch ${branchName} already exists in ${owner}/${repo}; nothing was changed. Choose another branch name.`);
    }
    const baseRef = await octokit.rest.git.getRef({ owner, repo, ref: `heads/${base}` });
    const baseCommit = await octokit.rest.git.getCommit({ owner, repo, commit_sha: baseRef.data.object.sha });
    const commitHash = await createCommit(octokit, { owner, repo, files, prefix, message, parents: [baseCommit.data.sha], baseTree: baseCommit.data.tree.sha });
    await octokit.rest.git.createRef({ owner, repo, ref: `refs/heads/${branchName}`, sha: commitHash });
    const pull = await octokit.rest.pulls.create({ owner, repo, head: branchName, base, title, body: String(input.description ?? '') });
    context.log(`opened pull request #${pull.data.number}: ${pull.data.html_url}`);
    context.summary.push(`- Opened pull request [${owner}/${repo}#${pull.data.number}](${pull.data.html_url})`);
    return { remoteUrl: pull.data.html_url, pullRequestNumber: pull.data.number, targetBranchName: base, commitHash };
  },
};
