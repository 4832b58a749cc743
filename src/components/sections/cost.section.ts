// The cost section shows where an export charged the entity, or on a team's page its total.
import { teamCost } from '../../lib/concern-content.ts';
import type { SectionDeclaration } from './types.ts';

export const section: SectionDeclaration = {
  title: 'Cost',
  hasContent: ({ signals, record }) => signals.get('cost') !== undefined || teamCost(record.ref) !== undefined,
};
