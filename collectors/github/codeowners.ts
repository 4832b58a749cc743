// CODEOWNERS, read the way GitHub reads it: one rule per line (`pattern owner…`), comments after
// `#`, the last matching rule wins. Backlot only needs the rules and the repository-wide owner.

/** One rule: who owns the files matching `pattern`. */
export interface CodeownersRule {
  pattern: string;
  /** `@org/team`, `@user` or an e-mail address, as written. */
  owners: string[];
  line: number;
}

/** Where GitHub looks for the file, in its order of precedence. */
export const CODEOWNERS_PATHS = ['.github/CODEOWNERS', 'CODEOWNERS', 'docs/CODEOWNERS'];

export function parseCodeowners(text: string): CodeownersRule[] {
  const rules: CodeownersRule[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    // `\#` escapes a pattern that starts with #; anything else after an unescaped # is a comment.
    const line = raw.replace(/(^|[^\\])#.*$/, '$1').trim();
    if (!line) return;
    const [pattern, ...owners] = line.split(/\s+/);
    rules.push({ pattern: pattern!.replace(/\\#/g, '#'), owners, line: index + 1 });
  });
  return rules;
}

/** Patterns GitHub matches against every file of the repository. */
const WHOLE_REPOSITORY = new Set(['*', '/*', '**', '/**', '/']);

/**
 * The repository's owner as an entity reference, from the last rule covering every file:
 * the first team (`@org/team-slug` → `group:default/team-slug`), else the first user
 * (`@user` → `user:default/user`). E-mail owners have no entity, so they are skipped.
 */
export function ownerFromCodeowners(rules: CodeownersRule[]): string | undefined {
  const rule = rules.findLast((r) => WHOLE_REPOSITORY.has(r.pattern) && r.owners.length > 0);
  if (!rule) return undefined;
  const team = rule.owners.find((o) => /^@[^/\s]+\/[^/\s]+$/.test(o));
  if (team) return `group:default/${team.split('/')[1]!.toLowerCase()}`;
  const user = rule.owners.find((o) => /^@[^/\s@]+$/.test(o));
  if (user) return `user:default/${user.slice(1).toLowerCase()}`;
  return undefined;
}
