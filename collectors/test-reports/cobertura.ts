// Cobertura XML (c8/Istanbul `--reporter=cobertura`, coverage.py `coverage xml`, many CI tools):
// the root <coverage> element carries the totals; <class> elements are counted as files. Streamed.
import { ReportError, type ParseResult } from '../../lib/reports/problem.ts';
import { numberAttribute, streamXml } from '../../lib/reports/xml-stream.ts';
import { percentOf, type CoverageSummary } from './coverage.ts';

export async function parseCoberturaFile(absolutePath: string, displayName: string): Promise<ParseResult<CoverageSummary>> {
  let summary: CoverageSummary | undefined;
  let files = 0;
  // Counted from <line> elements, for writers that leave lines-valid out of the root.
  let lineCount = 0;
  let lineHits = 0;
  let depth = 0;
  let inClassLines = false;
  try {
    await streamXml(absolutePath, {
      open(tag) {
        depth++;
        if (depth === 1) {
          if (tag.name !== 'coverage') throw new ReportError(`is not Cobertura XML: the root element is <${tag.name}>, expected <coverage>`, 1, 1);
          const linesValid = numberAttribute(tag, 'lines-valid');
          const linesCovered = numberAttribute(tag, 'lines-covered');
          const branchesValid = numberAttribute(tag, 'branches-valid');
          const branchesCovered = numberAttribute(tag, 'branches-covered');
          const lineRate = numberAttribute(tag, 'line-rate');
          if (linesValid === undefined && lineRate === undefined) throw new ReportError('the <coverage> element has neither lines-valid nor line-rate', 1, 1);
          summary = {
            format: 'cobertura',
            lines: { covered: linesCovered ?? 0, total: linesValid ?? 0 },
            ...(branchesValid ? { branches: { covered: branchesCovered ?? 0, total: branchesValid } } : {}),
            percent: linesValid !== undefined ? percentOf(linesCovered ?? 0, linesValid) : Math.round((lineRate ?? 0) * 1000) / 10,
            files: 0,
          };
        } else if (tag.name === 'class') {
          files++;
        } else if (tag.name === 'lines') {
          inClassLines = true;
        } else if (tag.name === 'line' && inClassLines) {
          lineCount++;
          if ((numberAttribute(tag, 'hits') ?? 0) > 0) lineHits++;
        }
      },
      close(name) {
        depth--;
        if (name === 'lines') inClassLines = false;
      },
    });
  } catch (error) {
    if (error instanceof ReportError) return { problems: [{ file: displayName, line: error.line, column: error.column, message: error.message, ...(error.hint ? { hint: error.hint } : {}) }] };
    throw error;
  }
  if (!summary) return { problems: [{ file: displayName, line: 1, column: 1, message: 'has no <coverage> element; skipped' }] };
  summary.files = files;
  if (summary.lines.total === 0 && lineCount > 0) {
    summary.lines = { covered: lineHits, total: lineCount };
    summary.percent = percentOf(lineHits, lineCount);
  }
  return { value: summary, problems: [] };
}
