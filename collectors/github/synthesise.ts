// A repository without a descriptor still appears in the catalog (registerWithoutDescriptor):
// as a Component named after it, owned by whoever CODEOWNERS says owns the whole repository.
import { validateEntity } from '../../lib/catalog/index.ts';
import type { LocatedEntity, Problem } from '../../lib/catalog/types.ts';
import type { RepositoryFacts } from './facts.ts';

/** Backstage names: letters and digits separated by `-`, `_` or `.`, at most 63 characters. */
export function entityNameOf(repositoryName: string): string {
  const name = repositoryName.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/[-_.]{2,}/g, '-').slice(0, 63);
  return name.replace(/^[-_.]+|[-_.]+$/g, '') || 'repository';
}

/** Owner given to a synthesised Component when CODEOWNERS names nobody. */
export const UNKNOWN_OWNER = 'group:default/unknown';

export function synthesiseComponent(facts: RepositoryFacts, owner: string | undefined): { located?: LocatedEntity; problems: Problem[] } {
  const file = facts.url;
  const value = {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: entityNameOf(facts.name),
      ...(facts.description ? { description: facts.description } : {}),
      ...(facts.topics.length ? { tags: facts.topics } : {}),
      annotations: {
        'github.com/project-slug': facts.fullName,
        'backstage.io/source-location': `url:${facts.url}/tree/${facts.defaultBranch}/`,
        'backlot.io/synthesised-from': 'repository',
      },
    },
    spec: { type: 'service', lifecycle: 'unknown', owner: owner ?? UNKNOWN_OWNER },
  };
  const at = { file, positions: {}, start: { line: 1, column: 1 } };
  const checked = validateEntity(value, at);
  const problems = [...checked.problems];
  if (!owner) {
    problems.push({
      file, line: 1, column: 1, severity: 'warning', rule: 'github-no-owner',
      message: `${facts.fullName} has no descriptor and no CODEOWNERS rule for every file (*): registered with owner ${UNKNOWN_OWNER}`,
      hint: 'Add a catalog-info.yaml with spec.owner, or a CODEOWNERS line "* @org/team".',
      ...(checked.ref ? { entityRef: checked.ref } : {}),
    });
  }
  if (!checked.entity || !checked.ref) return { problems };
  return {
    located: { entity: checked.entity, ref: checked.ref, source: { file, line: 1, column: 1 }, location: { type: 'url', target: facts.url }, positions: {} },
    problems,
  };
}
