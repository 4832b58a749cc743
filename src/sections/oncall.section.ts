// The on-call section's menu title, and: only on entities the on-call collector wrote data for.
import type { SectionDeclaration } from '../components/sections/types.ts';

export const section: SectionDeclaration = {
  title: 'On call',
  hasContent: ({ signals }) => signals.get('oncall') !== undefined,
};
