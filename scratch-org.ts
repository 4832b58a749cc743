import { makeDocsOrg, docsOrgConfig } from './tests/docs/docs-org.ts';
import { mkdtemp, writeFile } from 'node:fs/promises';
const dir = await mkdtemp('/tmp/docsorg-');
const locs = await makeDocsOrg(dir);
await writeFile(`${dir}/backlot.config.yaml`, docsOrgConfig(locs));
console.log(dir);
