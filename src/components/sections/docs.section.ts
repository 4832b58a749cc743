// Docs show for an entity with docs (its own, or another entity's it points at), and for a team or
// person owning something with docs.
import { docsOf, docsRecords } from '../../lib/docs-content.ts';
import { ownedByKind } from '../../lib/catalog-index.ts';
import type { SectionDeclaration } from './types.ts';

export const section: SectionDeclaration = {
  title: 'Docs',
  hasContent: ({ record, index }) => {
    if (docsOf(record.ref) || docsRecords().has(record.ref)) return true;
    const kind = record.kind.toLowerCase();
    if (kind !== 'group' && kind !== 'user') return false;
    return [...ownedByKind(index, record).values()].flat().some((r) => docsRecords().has(r.ref));
  },
};
