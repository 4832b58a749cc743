// lcov tracefiles (Node's `--test-reporter=lcov`, Istanbul/nyc/c8 `lcov.info`): summed from each
// record's LF/LH and BRF/BRH lines, read line by line so a large tracefile never sits in memory.
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { ParseResult } from '../../lib/reports/problem.ts';
import { percentOf, type CoverageSummary } from './coverage.ts';

export async function parseLcovFile(absolutePath: string, displayName: string): Promise<ParseResult<CoverageSummary>> {
  let linesTotal = 0;
  let linesCovered = 0;
  let branchesTotal = 0;
  let branchesCovered = 0;
  let files = 0;
  let inRecord = false;
  let recordStart = 0;
  let lineNumber = 0;
  // Per record: LF/LH when present, else counted from DA lines (some writers leave the totals out).
  let record = { lf: -1, lh: -1, da: 0, daHit: 0 };
  const problems: ParseResult<CoverageSummary>['problems'] = [];

  const lines = createInterface({ input: createReadStream(absolutePath, { encoding: 'utf8' }), crlfDelay: Infinity });
  for await (const raw of lines) {
    lineNumber++;
    const line = raw.trim();
    if (line === '' || line === 'TN:' || line.startsWith('TN:')) continue;
    const colon = line.indexOf(':');
    const key = colon === -1 ? line : line.slice(0, colon);
    const value = colon === -1 ? '' : line.slice(colon + 1);
    switch (key) {
      case 'SF':
        if (inRecord) problems.push({ file: displayName, line: recordStart, column: 1, message: 'a record has no end_of_record before the next SF; counted anyway' });
        inRecord = true;
        recordStart = lineNumber;
        record = { lf: -1, lh: -1, da: 0, daHit: 0 };
        break;
      case 'DA': {
        const hits = Number(value.split(',')[1]);
        record.da++;
        if (hits > 0) record.daHit++;
        break;
      }
      case 'LF':
        record.lf = Number(value);
        break;
      case 'LH':
        record.lh = Number(value);
        break;
      case 'BRF':
        branchesTotal += Number(value) || 0;
        break;
      case 'BRH':
        branchesCovered += Number(value) || 0;
        break;
      case 'end_of_record':
        if (!inRecord) break;
        files++;
        linesTotal += record.lf >= 0 ? record.lf : record.da;
        linesCovered += record.lh >= 0 ? record.lh : record.daHit;
        inRecord = false;
        break;
      case 'FN':
      case 'FNDA':
      case 'FNF':
      case 'FNH':
      case 'BRDA':
      case 'VER':
      case 'FNL':
      case 'FNA':
        break;
      default:
        if (files === 0 && !inRecord) {
          lines.close();
          return { problems: [{ file: displayName, line: lineNumber, column: 1, message: `is not an lcov tracefile: unexpected "${line.slice(0, 40)}"`, hint: 'lcov files start with TN: or SF: lines' }] };
        }
    }
  }
  if (inRecord) {
    problems.push({ file: displayName, line: recordStart, column: 1, message: 'the last record has no end_of_record (a truncated file?); it is left out' });
  }
  if (files === 0) return { problems: [...problems, { file: displayName, line: 1, column: 1, message: 'has no coverage records; skipped' }] };
  return {
    value: {
      format: 'lcov',
      lines: { covered: linesCovered, total: linesTotal },
      ...(branchesTotal > 0 ? { branches: { covered: branchesCovered, total: branchesTotal } } : {}),
      percent: percentOf(linesCovered, linesTotal),
      files,
    },
    problems,
  };
}
