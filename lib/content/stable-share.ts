// Which of `count` shares a key belongs to, by an FNV-1a hash of its lower-cased text: stable
// between runs and machines, and adding or removing a key moves no other one. Collection shards
// split repositories with it, render parts split entities with it.

/** 0-based share of `key` among `count`. */
export function stableShare(key: string, count: number): number {
  let hash = 0x811c9dc5;
  for (const char of key.toLowerCase()) {
    hash ^= char.codePointAt(0)!;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash % count;
}

/** `i/n` from the command line (1 ≤ i ≤ n ≤ 256), or what is wrong with it. */
export function parsePartSpec(option: string, text: string): { index: number; count: number } | { error: string } {
  const match = /^(\d{1,3})\/(\d{1,3})$/.exec(text.trim());
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (!match || index < 1 || count > 256 || index > count) {
    return { error: `${option} takes i/n with 1 ≤ i ≤ n ≤ 256, as in ${option} 2/4 (got "${text}")` };
  }
  return { index, count };
}

/**
 * What is wrong with a set of shares that should be 1..count, each once (shards to merge, render
 * parts to assemble), or undefined when it is complete. `noun` names them; `consequence` says
 * what a missing one would lose.
 */
export function incompleteShares(indexes: number[], count: number, noun: string, consequence: string): string | undefined {
  const label = (index: number) => `${index}/${count}`;
  const twice = [...new Set(indexes.filter((index, i) => indexes.indexOf(index) !== i))];
  if (twice.length) return `${noun} ${twice.map(label).join(', ')} given more than once`;
  const missing = Array.from({ length: count }, (_, i) => i + 1).filter((index) => !indexes.includes(index));
  if (missing.length) return `${noun} ${missing.map(label).join(', ')} missing: ${consequence}`;
  return undefined;
}
