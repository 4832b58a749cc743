// One part of a split render (`backlot build --part i/n`, one per matrix job): the pages of an
// entity are rendered by the part its ref hashes to, the site-wide lists by part 1 only, so the
// parts' outputs are disjoint and `backlot assemble` unites them into the whole site.
import { stableShare } from '../../lib/content/stable-share.ts';

/** Environment variable `backlot build --part` hands the pages (Astro pages take no arguments). */
export const RENDER_PART_ENV = 'BACKLOT_RENDER_PART';

function currentPart(): { index: number; count: number } | undefined {
  const match = /^(\d+)\/(\d+)$/.exec(process.env[RENDER_PART_ENV] ?? '');
  return match ? { index: Number(match[1]), count: Number(match[2]) } : undefined;
}

/** Whether this render writes the pages of the entity `ref` (always, when the render is whole). */
export function rendersEntity(ref: string): boolean {
  const part = currentPart();
  return !part || part.count <= 1 || stableShare(ref, part.count) === part.index - 1;
}

/** Whether this render writes the dynamic site-wide pages (catalog lists, indexes, shared assets). */
export function rendersSiteWide(): boolean {
  const part = currentPart();
  return !part || part.index === 1;
}
