// Members are listed for a group that has any user members.
import { relationTargets } from '../../lib/catalog-index.ts';
import type { SectionDeclaration } from './types.ts';

export const section: SectionDeclaration = {
  title: 'Members',
  hasContent: ({ record, index }) => relationTargets(record, 'hasMember').some((ref) => index.byRef.get(ref)?.kind.toLowerCase() === 'user'),
};
