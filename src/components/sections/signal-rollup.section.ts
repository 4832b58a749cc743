// A team's service health shows when signals cover at least one entity it owns.
import { ownedByKind } from '../../lib/catalog-index.ts';
import { rollUp } from '../../lib/signal-rollups.ts';
import { signalsContent } from '../../lib/signals-content.ts';
import type { SectionDeclaration } from './types.ts';

export const section: SectionDeclaration = {
  title: 'Service health',
  hasContent: ({ record, index }) => {
    if (record.kind.toLowerCase() !== 'group') return false;
    const owned = [...ownedByKind(index, record).values()].flat().map((r) => r.ref);
    return rollUp(owned, signalsContent()).covered > 0;
  },
};
