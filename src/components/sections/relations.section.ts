// The relations list is left out (menu and page) for an entity that relates to nothing.
import type { SectionDeclaration } from './types.ts';

export const section: SectionDeclaration = {
  title: 'Relations',
  hasContent: ({ record }) => (record.entity.relations ?? []).length > 0,
};
