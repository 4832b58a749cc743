// The Deployments section shows only for an entity its collector wrote data for.
import { signalsContent } from '../../lib/signals-content.ts';
import type { SectionDeclaration } from './types.ts';

export const section: SectionDeclaration = {
  title: 'Deployments',
  hasContent: ({ record }) => Boolean(signalsContent().deployments.get(record.ref)?.data),
};
