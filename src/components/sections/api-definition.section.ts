// An API's definition, when it has one.
import type { SectionDeclaration } from './types.ts';

export const section: SectionDeclaration = {
  title: 'API',
  hasContent: ({ record }) => {
    const definition = record.entity.spec?.definition;
    return definition !== undefined && definition !== '';
  },
};
