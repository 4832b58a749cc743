// Reads the stage timings a command logged (lib/log/logger.ts `time`: `stage: summary (123 ms)`),
// so the benchmark can say which stage of collect or build dominates without profiling.

export function parseStageTimes(log: string): Record<string, number> {
  const stages: Record<string, number> = {};
  // `catalog: read …`, `catalog: assemble: …`, `search index: …`: the stage, and a first word that names a sub-stage.
  for (const m of log.matchAll(/^([a-z][^:\n]*?): (?:([a-z]+)\b(?=[: ]))?.*\((\d+) ms\)\s*$/gm)) stages[m[2] ? `${m[1]}: ${m[2]}` : m[1]] = Number(m[3]);
  return stages;
}
