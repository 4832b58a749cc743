// An API's definition when it has one; the remotes of Backstage's remote API types (mcp-server,
// ai-model-server); or why a definition given as $text could not be read.
import type { SectionDeclaration } from './types.ts';

export const section: SectionDeclaration = {
  title: 'API',
  hasContent: ({ record }) => {
    const definition = record.entity.spec?.definition;
    const remotes = record.entity.spec?.remotes;
    return (
      (definition !== undefined && definition !== '') ||
      (Array.isArray(remotes) && remotes.length > 0) ||
      Boolean(record.unresolved?.some((u) => u.path === 'spec.definition'))
    );
  },
};
