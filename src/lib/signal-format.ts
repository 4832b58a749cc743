// Formatting of service-signal figures: deterministic (no clock, no locale), so the same content
// renders the same bytes.

/** 95 → `1 min 35 s`, 3600 → `1 h 0 min`. */
export function formatDuration(seconds: number | undefined): string {
  if (seconds === undefined || !Number.isFinite(seconds)) return '–';
  const s = Math.round(seconds);
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${s % 60} s`;
  return `${Math.floor(s / 3600)} h ${Math.floor((s % 3600) / 60)} min`;
}

/** Whole days from `from` to `to` (both ISO); undefined when either is missing. */
export function daysBetween(from: string | undefined, to: string | undefined): number | undefined {
  if (!from || !to) return undefined;
  const days = Math.floor((Date.parse(to) - Date.parse(from)) / 86_400_000);
  return Number.isFinite(days) ? Math.max(0, days) : undefined;
}

export const shortSha = (sha: string) => sha.slice(0, 7);

/** A run's conclusion (or status while running) as a word and a badge style. */
export function runState(conclusion: string | null, status: string): { label: string; tone: 'ok' | 'error' | 'warning' | 'neutral' } {
  if (status !== 'completed') return { label: status.replaceAll('_', ' '), tone: 'neutral' };
  if (conclusion === 'success') return { label: 'success', tone: 'ok' };
  if (conclusion === 'failure' || conclusion === 'timed_out' || conclusion === 'startup_failure') return { label: conclusion.replaceAll('_', ' '), tone: 'error' };
  return { label: (conclusion ?? 'unknown').replaceAll('_', ' '), tone: 'warning' };
}
