// `npm run lint:workflows`: checks every workflow under .github/workflows/ (the ones Backlot ships
// and the scaffolding workflows it generates) and exits 1 on any problem, printing file:line:column.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { checkWorkflow, formatWorkflowProblem, type WorkflowProblem } from './check.ts';

export async function lintWorkflowFolder(dir: string): Promise<{ files: string[]; problems: WorkflowProblem[] }> {
  const files = (await readdir(dir)).filter((f) => /\.ya?ml$/.test(f)).sort();
  const problems: WorkflowProblem[] = [];
  for (const name of files) {
    const file = path.join(dir, name);
    problems.push(...(await checkWorkflow(await readFile(file, 'utf8'), path.relative(process.cwd(), file))));
  }
  return { files, problems };
}

if (import.meta.main) {
  const dir = path.resolve(process.argv[2] ?? '.github/workflows');
  const { files, problems } = await lintWorkflowFolder(dir);
  for (const p of problems) process.stdout.write(formatWorkflowProblem(p) + '\n');
  process.stdout.write(`workflows: ${files.length} checked, ${problems.length} problem(s)\n`);
  process.exitCode = problems.length > 0 ? 1 : 0;
}
