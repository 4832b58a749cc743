// The metrics section shows only where the metrics collector wrote charts or dashboard links.
import type { SectionDeclaration } from './types.ts';

export const section: SectionDeclaration = {
  title: 'Metrics',
  hasContent: ({ signals }) => signals.get('metrics') !== undefined,
};
