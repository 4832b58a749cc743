// The ownership table shows for a group or user that owns something (for a user, also through teams).
import { ownedThrough } from '../../lib/ownership.ts';
import type { SectionDeclaration } from './types.ts';

export const section: SectionDeclaration = {
  title: 'Owns',
  hasContent: ({ record, index }) => ownedThrough(index, record).length > 0,
};
