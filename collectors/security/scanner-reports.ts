// Security reports dropped in the exports folder: SARIF 2.1.0 (any static analyser: ESLint,
// CodeQL, Semgrep, Trivy's SARIF mode …), Trivy JSON and Grype JSON. Each file is recognised by its
// shape, size-checked, parsed; a finding whose severity cannot be read is reported with its
// position and skipped, the rest of the file still counts.
import { ReportError, type ParseResult, type ReportProblem } from '../../lib/reports/problem.ts';
import { parseJsonReport, type JsonText } from '../../lib/reports/json-report.ts';
import { normaliseSeverity, safeHttpUrl, severityFromScore, type Finding } from './finding.ts';

export type ScannerFormat = 'sarif' | 'trivy' | 'grype';

export interface ScannerReport {
  format: ScannerFormat;
  /** The tool that wrote it (SARIF's driver name, `trivy`, `grype`). */
  tool: string;
  /** What was scanned (an image, a folder), when the report says. */
  target?: string;
  findings: Finding[];
}

const obj = (v: unknown): Record<string, unknown> | undefined => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined);
const arr = (v: unknown): unknown[] | undefined => (Array.isArray(v) ? v : undefined);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v.length > 0 ? v : undefined);

/** Parses the text of one security report, whichever of the three formats it is. */
export function parseScannerReport(text: string, file: string): ParseResult<ScannerReport> {
  let json: JsonText;
  try {
    json = parseJsonReport(text);
  } catch (error) {
    if (error instanceof ReportError) return { problems: [{ file, line: error.line, column: error.column, message: error.message, ...(error.hint ? { hint: error.hint } : {}) }] };
    throw error;
  }
  const root = json.value;
  const problems: ReportProblem[] = [];
  const at = (path: (string | number)[], message: string, hint?: string) => {
    const { line, column } = json.positionOf(path);
    problems.push({ file, line, column, message, ...(hint ? { hint } : {}) });
  };
  const rootObject = obj(root);
  if (rootObject && (typeof rootObject.version === 'string' && rootObject.version.startsWith('2.1') || '$schema' in rootObject && String(rootObject.$schema).includes('sarif'))) {
    return withProblems(readSarif(rootObject, at), problems);
  }
  if (rootObject && 'matches' in rootObject && obj(rootObject.descriptor)?.name === 'grype') return withProblems(readGrype(rootObject, at), problems);
  if ((rootObject && 'SchemaVersion' in rootObject && 'Results' in rootObject) || (Array.isArray(root) && root.every((r) => obj(r) && 'Target' in obj(r)!))) {
    return withProblems(readTrivy(root, at), problems);
  }
  return { problems: [{ file, line: 1, column: 1, message: 'is not a SARIF 2.1.0, Trivy or Grype JSON report; skipped', hint: 'write SARIF with version "2.1.0", `trivy --format json` or `grype -o json`' }] };
}

type At = (path: (string | number)[], message: string, hint?: string) => void;

function withProblems(result: ScannerReport | undefined, problems: ReportProblem[]): ParseResult<ScannerReport> {
  return result ? { value: result, problems } : { problems };
}

const UNKNOWN_SEVERITY_HINT = 'use critical, high, medium or low (or SARIF levels error, warning, note); the finding is left out';

function readSarif(root: Record<string, unknown>, at: At): ScannerReport | undefined {
  const runs = arr(root.runs);
  if (!runs || runs.length === 0) {
    at(runs ? ['runs'] : [], 'is SARIF without runs: nothing to read; skipped', 'a SARIF log needs a "runs" array with at least one run');
    return undefined;
  }
  const findings: Finding[] = [];
  let tool = 'sarif';
  runs.forEach((runValue, r) => {
    const run = obj(runValue);
    const driver = obj(obj(run?.tool)?.driver);
    const driverName = str(driver?.name) ?? 'sarif';
    if (r === 0) tool = driverName;
    const rules = new Map<string, Record<string, unknown>>();
    for (const rule of arr(driver?.rules) ?? []) {
      const ruleObject = obj(rule);
      if (ruleObject && str(ruleObject.id)) rules.set(ruleObject.id as string, ruleObject);
    }
    (arr(run?.results) ?? []).forEach((resultValue, i) => {
      const result = obj(resultValue);
      if (!result) return;
      if (result.suppressions && arr(result.suppressions)?.length) return;
      const ruleId = str(result.ruleId) ?? str(obj(result.rule)?.id) ?? '(no rule)';
      const rule = rules.get(ruleId);
      // GitHub's convention: a numeric security-severity on the rule wins over the level.
      const score = Number(obj(rule?.properties)?.['security-severity'] ?? obj(result.properties)?.['security-severity']);
      const level = result.level ?? obj(rule?.defaultConfiguration)?.level ?? 'warning';
      const severity = Number.isFinite(score) && score > 0 ? severityFromScore(score) : level === 'none' ? undefined : normaliseSeverity(level);
      if (!severity) {
        if (level !== 'none') at(['runs', r, 'results', i, 'level'], `unknown severity level "${String(level)}" in result ${i} of run ${r}`, UNKNOWN_SEVERITY_HINT);
        return;
      }
      const physical = obj(obj(arr(result.locations)?.[0])?.physicalLocation);
      // file:///abs/path → /abs/path: a location to read, not a link to follow.
      const uri = str(obj(physical?.artifactLocation)?.uri)?.replace(/^file:\/\//i, '');
      const line = obj(physical?.region)?.startLine;
      findings.push({
        id: ruleId,
        title: str(obj(result.message)?.text) ?? str(obj(rule?.shortDescription)?.text) ?? ruleId,
        severity,
        tool: driverName,
        ...(uri ? { location: typeof line === 'number' ? `${uri}:${line}` : uri } : {}),
        ...(safeHttpUrl(rule?.helpUri) ? { url: safeHttpUrl(rule?.helpUri)! } : {}),
      });
    });
  });
  return { format: 'sarif', tool, findings };
}

function readTrivy(root: unknown, at: At): ScannerReport {
  const rootObject = obj(root);
  const results = rootObject ? arr(rootObject.Results) ?? [] : (root as unknown[]);
  const base: (string | number)[] = rootObject ? ['Results'] : [];
  const findings: Finding[] = [];
  results.forEach((resultValue, r) => {
    const result = obj(resultValue);
    const target = str(result?.Target);
    const lists: [string, unknown][] = [
      ['Vulnerabilities', result?.Vulnerabilities],
      ['Misconfigurations', result?.Misconfigurations],
      ['Secrets', result?.Secrets],
    ];
    for (const [listName, list] of lists) {
      (arr(list) ?? []).forEach((itemValue, i) => {
        const item = obj(itemValue);
        if (!item) return;
        const severity = normaliseSeverity(item.Severity);
        const id = str(item.VulnerabilityID) ?? str(item.ID) ?? str(item.RuleID) ?? '(no id)';
        if (!severity) {
          if (item.Severity !== 'UNKNOWN') at([...base, r, listName, i, 'Severity'], `unknown severity "${String(item.Severity)}" for ${id}`, UNKNOWN_SEVERITY_HINT);
          else at([...base, r, listName, i, 'Severity'], `Trivy could not rate ${id} (severity UNKNOWN)`, 'the finding is left out until a database rates it');
          return;
        }
        // A secret finding's Match holds the secret itself: only its rule and place are kept.
        findings.push({
          id,
          title: str(item.Title) ?? id,
          severity,
          tool: 'trivy',
          ...(str(item.PkgName) ? { package: item.PkgName as string } : {}),
          ...(str(item.InstalledVersion) ? { version: item.InstalledVersion as string } : {}),
          ...(str(item.FixedVersion) ? { fixedIn: item.FixedVersion as string } : {}),
          ...(target ? { location: listName === 'Secrets' && typeof item.StartLine === 'number' ? `${target}:${item.StartLine}` : target } : {}),
          ...(safeHttpUrl(item.PrimaryURL) ? { url: safeHttpUrl(item.PrimaryURL)! } : {}),
          ...(str(item.PublishedDate) ? { createdAt: item.PublishedDate as string } : {}),
        });
      });
    }
  });
  return { format: 'trivy', tool: 'trivy', ...(str(rootObject?.ArtifactName) ? { target: rootObject!.ArtifactName as string } : {}), findings };
}

function readGrype(root: Record<string, unknown>, at: At): ScannerReport {
  const findings: Finding[] = [];
  (arr(root.matches) ?? []).forEach((matchValue, i) => {
    const match = obj(matchValue);
    const vulnerability = obj(match?.vulnerability);
    const artifact = obj(match?.artifact);
    const id = str(vulnerability?.id) ?? '(no id)';
    const severity = normaliseSeverity(vulnerability?.severity);
    if (!severity) {
      at(['matches', i, 'vulnerability', 'severity'], `unknown severity "${String(vulnerability?.severity)}" for ${id}`, UNKNOWN_SEVERITY_HINT);
      return;
    }
    const fixed = arr(obj(vulnerability?.fix)?.versions)?.filter((v): v is string => typeof v === 'string') ?? [];
    const url = safeHttpUrl(vulnerability?.dataSource) ?? safeHttpUrl(arr(vulnerability?.urls)?.[0]);
    findings.push({
      id,
      title: str(vulnerability?.description) ?? id,
      severity,
      tool: 'grype',
      ...(str(artifact?.name) ? { package: artifact!.name as string } : {}),
      ...(str(artifact?.version) ? { version: artifact!.version as string } : {}),
      ...(fixed.length ? { fixedIn: fixed[0]! } : {}),
      ...(url ? { url } : {}),
    });
  });
  const target = obj(obj(root.source)?.target);
  return { format: 'grype', tool: 'grype', ...(str(target?.userInput) ? { target: target!.userInput as string } : {}), findings };
}
