// The `gh workflow run` command for a filled-in Create form: every argument shell-quoted, so any
// value — quotes, $(…), backticks, newlines — reaches the workflow as the same text.

/** POSIX shell single-quoting: safe for every byte but NUL; a plain word stays unquoted. */
export function shellQuote(arg: string): string {
  if (/^[A-Za-z0-9_@%+=:,./-]+$/.test(arg)) return arg;
  return `'${arg.replace(/'/g, `'\\''`)}'`;
}

export interface CommandInput {
  /** The workflow file, `scaffold-<name>.yml`. */
  workflow: string;
  /** `owner/name` of the portal repository, when known (otherwise gh uses the current checkout's). */
  repository?: string;
  /** Input id → the text to send (strings as typed, booleans as true/false, lists/objects as JSON). */
  fields: [string, string][];
}

export function ghWorkflowRunCommand(input: CommandInput): string {
  const parts = ['gh', 'workflow', 'run', shellQuote(input.workflow)];
  if (input.repository) parts.push('--repo', shellQuote(input.repository));
  for (const [name, value] of input.fields) parts.push('-f', shellQuote(`${name}=${value}`));
  return parts.join(' ');
}

/** GitHub's page for one workflow, where its "Run workflow" button is. */
export function runWorkflowUrl(serverUrl: string, repository: string, workflow: string): string {
  return `${serverUrl.replace(/\/$/, '')}/${repository.split('/').map(encodeURIComponent).join('/')}/actions/workflows/${encodeURIComponent(workflow)}`;
}
