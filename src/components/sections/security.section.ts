// The Security section shows only for an entity its collector wrote data for.
import { signalsContent } from '../../lib/signals-content.ts';
import type { SectionDeclaration } from './types.ts';

export const section: SectionDeclaration = {
  title: 'Security',
  hasContent: ({ record }) => Boolean(signalsContent().security.get(record.ref)?.data),
};
