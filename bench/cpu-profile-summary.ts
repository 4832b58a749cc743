// Summarises a V8 .cpuprofile (from `node --cpu-prof`) as the functions and files with the most
// self time, so `bench/run.ts --cpu-prof` can say what dominates without opening DevTools.
import { readFile } from 'node:fs/promises';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

export interface ProfileEntry {
  name: string;
  selfMs: number;
  share: number;
}

function shortUrl(url: string): string {
  const nm = url.lastIndexOf('node_modules/');
  if (nm >= 0) {
    const rest = url.slice(nm + 'node_modules/'.length).split('/');
    return rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0];
  }
  if (!url) return '(native)';
  return url.replace(/^file:\/\//, '').replace(/^.*\/work\/main\//, '');
}

/** Self time per function and per file (packages collapsed to their name), largest first. */
export async function summariseCpuProfile(file: string, top = 15): Promise<{ totalMs: number; functions: ProfileEntry[]; files: ProfileEntry[] }> {
  const profile = JSON.parse(await readFile(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfUs = new Map<number, number>();
  profile.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const totalUs = profile.endTime - profile.startTime;
  const functions = new Map<string, number>();
  const files = new Map<string, number>();
  for (const [id, us] of selfUs) {
    const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
    const where = shortUrl(url);
    const fn = `${functionName || '(anonymous)'} ${where}${url ? `:${lineNumber + 1}` : ''}`;
    functions.set(fn, (functions.get(fn) ?? 0) + us);
    files.set(where, (files.get(where) ?? 0) + us);
  }
  const rank = (m: Map<string, number>) =>
    [...m.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, us]) => ({ name, selfMs: Math.round(us / 1000), share: us / totalUs }));
  return { totalMs: Math.round(totalUs / 1000), functions: rank(functions), files: rank(files) };
}

// `node bench/cpu-profile-summary.ts <file.cpuprofile>` prints the summary.
if (import.meta.main) {
  const file = process.argv[2];
  if (!file) {
    process.stderr.write('usage: node bench/cpu-profile-summary.ts <file.cpuprofile>\n');
    process.exit(2);
  }
  const summary = await summariseCpuProfile(file);
  const line = (e: ProfileEntry) => `  ${(e.share * 100).toFixed(1).padStart(5)}%  ${String(e.selfMs).padStart(7)} ms  ${e.name}`;
  process.stdout.write(`total ${summary.totalMs} ms\nby file or package (self time):\n${summary.files.map(line).join('\n')}\nby function (self time):\n${summary.functions.map(line).join('\n')}\n`);
}
