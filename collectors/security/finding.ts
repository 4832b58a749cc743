// One shape for a security finding, whichever scanner or API reported it (SARIF, Trivy, Grype,
// Dependabot, code scanning), and the one severity scale they are all mapped onto.

export const SEVERITIES = ['critical', 'high', 'medium', 'low'] as const;
export type Severity = (typeof SEVERITIES)[number];

export interface Finding {
  /** CVE / GHSA / rule id. */
  id: string;
  title: string;
  severity: Severity;
  /** Which tool or API reported it: `trivy`, `grype`, `eslint` (a SARIF driver), `dependabot` … */
  tool: string;
  /** The affected package and version, for dependency findings. */
  package?: string;
  version?: string;
  fixedIn?: string;
  /** `path:line` for code findings, or the scanned target. */
  location?: string;
  /** A page about the finding (advisory, alert, rule help); http(s) only. */
  url?: string;
  /** ISO time the finding was first reported, when the source knows it (alerts do). */
  createdAt?: string;
}

export type SeverityCounts = Record<Severity, number>;

export const emptyCounts = (): SeverityCounts => ({ critical: 0, high: 0, medium: 0, low: 0 });

/** Maps a scanner's word for severity onto the scale; undefined when the word is unknown. */
export function normaliseSeverity(raw: unknown): Severity | undefined {
  if (typeof raw !== 'string') return undefined;
  switch (raw.trim().toLowerCase()) {
    case 'critical':
      return 'critical';
    case 'high':
    case 'error':
      return 'high';
    case 'medium':
    case 'moderate':
    case 'warning':
      return 'medium';
    case 'low':
    case 'note':
    case 'negligible':
    case 'info':
    case 'informational':
      return 'low';
    default:
      return undefined;
  }
}

/** CVSS score → severity, as GitHub maps SARIF's `security-severity` property. */
export function severityFromScore(score: number): Severity {
  if (score >= 9) return 'critical';
  if (score >= 7) return 'high';
  if (score >= 4) return 'medium';
  return 'low';
}

/** Only http(s) links reach a page; anything else (javascript:, data:) is dropped. */
export function safeHttpUrl(raw: unknown): string | undefined {
  if (typeof raw !== 'string') return undefined;
  try {
    const url = new URL(raw.trim());
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

export function countBySeverity(findings: Finding[]): SeverityCounts {
  const counts = emptyCounts();
  for (const f of findings) counts[f.severity]++;
  return counts;
}

export const compareFindings = (a: Finding, b: Finding) =>
  SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity) || (a.createdAt ?? '').localeCompare(b.createdAt ?? '') || a.id.localeCompare(b.id);
