// Problems of the entity, and for a group or user those of what it owns.
import { ownedProblems } from '../../lib/catalog-index.ts';
import type { SectionDeclaration } from './types.ts';

export const section: SectionDeclaration = {
  title: 'Problems',
  hasContent: ({ record, index }) =>
    record.problems.length > 0 || (['group', 'user'].includes(record.kind.toLowerCase()) && ownedProblems(index, record).length > 0),
};
