// The diagram is left out for an entity with nothing to draw (a group's or user's ownership is
// listed, not drawn).
import type { SectionDeclaration } from './types.ts';

export const section: SectionDeclaration = {
  title: 'Diagram',
  hasContent: ({ record }) => {
    const isParty = ['group', 'user'].includes(record.kind.toLowerCase());
    return (record.entity.relations ?? []).some((r) => !isParty || r.type !== 'ownerOf');
  },
};
