// The Tests section shows only for an entity its collector wrote data for.
import { signalsContent } from '../../lib/signals-content.ts';
import type { SectionDeclaration } from './types.ts';

export const section: SectionDeclaration = {
  title: 'Tests and coverage',
  hasContent: ({ record }) => Boolean(signalsContent().testReports.get(record.ref)?.data),
};
