// The CI section shows only for an entity its collector wrote data for.
import { signalsContent } from '../../lib/signals-content.ts';
import type { SectionDeclaration } from './types.ts';

export const section: SectionDeclaration = {
  title: 'CI/CD',
  hasContent: ({ record }) => Boolean(signalsContent().ci.get(record.ref)?.data),
};
