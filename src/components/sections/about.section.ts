// The overview is always there: every entity has its facts and where its descriptor lives.
import type { SectionDeclaration } from './types.ts';

export const section: SectionDeclaration = { title: 'Overview' };
