// Cost shows for an entity an export mentions, and for a team with a cost total.
import { costSummary, entityCost } from '../../lib/concern-content.ts';
import type { SectionDeclaration } from './types.ts';

export const section: SectionDeclaration = {
  title: 'Cost',
  hasContent: ({ record }) => Boolean(entityCost(record.ref) || costSummary()?.teams.some((t) => t.ref === record.ref)),
};
