// catalog:register: Backlot's catalog is collected, not written to, so registering means telling
// where the next collection will find the descriptor (and which entity it holds).
import { readFile } from 'node:fs/promises';
import { parse } from 'yaml';
import { insideFolder } from '../skeleton.ts';
import { isObject } from '../template.ts';
import type { ScaffoldAction } from './types.ts';

export const catalogRegister: ScaffoldAction = {
  id: 'catalog:register',
  description: 'Says where the next collection finds the new catalog-info.yaml, and which entity it holds',
  async run(context) {
    const input = context.input;
    const catalogInfoPath = String(input.catalogInfoPath ?? '/catalog-info.yaml');
    const catalogInfoUrl = typeof input.catalogInfoUrl === 'string' ? input.catalogInfoUrl
      : `${String(input.repoContentsUrl ?? '').replace(/\/$/, '')}/${catalogInfoPath.replace(/^\//, '')}`;
    let entityRef: string | undefined;
    try {
      const text = await readFile(insideFolder(context.workspace, catalogInfoPath.replace(/^\//, ''), 'catalogInfoPath'), 'utf8');
      const doc = parse(text) as unknown;
      if (isObject(doc) && typeof doc.kind === 'string' && isObject(doc.metadata) && typeof doc.metadata.name === 'string') {
        const namespace = typeof doc.metadata.namespace === 'string' ? doc.metadata.namespace : 'default';
        entityRef = `${doc.kind.toLowerCase()}:${namespace}/${doc.metadata.name}`;
      }
    } catch {
      // The descriptor may live only in the published repository; the URL is still right.
    }
    context.log(`registered: the next catalog collection reads ${catalogInfoUrl}${entityRef ? ` (${entityRef})` : ''}`);
    context.summary.push(`- The next catalog collection finds ${entityRef ? `\`${entityRef}\` in ` : ''}${catalogInfoUrl}`);
    return { catalogInfoUrl, ...(entityRef ? { entityRef } : {}) };
  },
};
