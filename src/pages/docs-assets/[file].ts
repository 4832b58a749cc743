// Images and files of the docs, content-addressed (the file name is the hash of its bytes), so a
// name an author chose never becomes a file name in dist/.
import { readFileSync } from 'node:fs';
import type { APIRoute } from 'astro';
import { docsAssetFile, docsAssetFiles } from '../../lib/docs-content.ts';
import { rendersSiteWide } from '../../lib/render-part.ts';

export function getStaticPaths() {
  if (!rendersSiteWide()) return [];
  return docsAssetFiles().map((file) => ({ params: { file } }));
}

export const GET: APIRoute = ({ params }) => new Response(readFileSync(docsAssetFile(String(params.file))));
