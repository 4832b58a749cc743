// Writes a folder to GitHub as one commit through the Git data API (tree → commit), so a
// run needs only a token and HTTPS, and the stand-in can check exactly what was pushed.
import { readFile } from 'node:fs/promises';
import type { Octokit } from 'octokit';
import type { WorkspaceFile } from './workspace.ts';

export interface CommitRequest {
  owner: string;
  repo: string;
  files: WorkspaceFile[];
  /** Prefix inside the repository (publish:github:pull-request's targetPath), no leading slash. */
  prefix?: string;
  message: string;
  parents: string[];
  /** The tree the files are added to; without it the commit holds exactly these files. */
  baseTree?: string;
  author?: { name: string; email: string };
}

/** Creates the tree (and blobs for binary files) and the commit; returns the commit's SHA (no ref is moved). */
export async function createCommit(octokit: Octokit, request: CommitRequest): Promise<string> {
  const { owner, repo } = request;
  const tree: { path: string; mode: '100644' | '100755'; type: 'blob'; sha?: string; content?: string }[] = [];
  for (const file of request.files) {
    const bytes = await readFile(file.absolute);
    const filePath = request.prefix ? `${request.prefix.replace(/^\/+|\/+$/g, '')}/${file.path}` : file.path;
    const mode = file.executable ? '100755' : '100644';
    // Text goes inline in the tree (one request for all of it: GitHub spaces write requests a
    // second apart); only binary files need a blob of their own.
    const text = bytes.toString('utf8');
    if (!bytes.includes(0) && Buffer.from(text, 'utf8').equals(bytes)) tree.push({ path: filePath, mode, type: 'blob', content: text });
    else {
      const blob = await octokit.rest.git.createBlob({ owner, repo, content: bytes.toString('base64'), encoding: 'base64' });
      tree.push({ path: filePath, mode, type: 'blob', sha: blob.data.sha });
    }
  }
  const createdTree = await octokit.rest.git.createTree({ owner, repo, tree, ...(request.baseTree ? { base_tree: request.baseTree } : {}) });
  const commit = await octokit.rest.git.createCommit({
    owner,
    repo,
    message: request.message,
    tree: createdTree.data.sha,
    parents: request.parents,
    ...(request.author ? { author: request.author } : {}),
  });
  return commit.data.sha;
}

/** True when GitHub answers 404 for this request (anything else is rethrown). */
export async function notFound(request: Promise<unknown>): Promise<boolean> {
  try {
    await request;
    return false;
  } catch (error) {
    if ((error as { status?: number }).status === 404) return true;
    throw error;
  }
}
