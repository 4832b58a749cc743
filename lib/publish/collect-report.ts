// What one `backlot collect` did, written beside the content (`collect-report.json`) so the job
// summary, the merge of shards and a person can read it after the run.
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseJsonInput } from '../parse/json.ts';
import { MAX_STORED_DEPTH } from '../parse/keys.ts';

export const COLLECT_REPORT_FILE = 'collect-report.json';

export interface CollectReport {
  startedAt: string;
  durationMs: number;
  /** `i/n` when this was one shard of a matrix. */
  shard?: string;
  exitCode: number;
  collectors: {
    name: string;
    durationMs: number;
    items: number;
    failures: { item: string; message: string }[];
    stats?: Record<string, number | string>;
    partial?: boolean;
    /** Set when the collector threw: its previous content was left as it was. */
    error?: string;
  }[];
}

export async function writeCollectReport(contentDir: string, report: CollectReport): Promise<void> {
  await writeFile(path.join(contentDir, COLLECT_REPORT_FILE), JSON.stringify(report, null, 2) + '\n');
}

export async function readCollectReport(contentDir: string): Promise<CollectReport | undefined> {
  try {
    const file = path.join(contentDir, COLLECT_REPORT_FILE);
    return parseJsonInput(await readFile(file, 'utf8'), file, MAX_STORED_DEPTH) as CollectReport;
  } catch {
    return undefined;
  }
}
