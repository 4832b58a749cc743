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
