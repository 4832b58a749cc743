// Finds section components by id: built-ins here, an organisation's own in src/sections/.
// import.meta.glob is resolved by Vite at build time, so adding a file is all it takes.
import type { AstroComponentFactory } from 'astro/runtime/server/index.js';
import { componentsById } from '../../lib/section-selection.ts';

type Module = { default: AstroComponentFactory };

export const builtInSections = componentsById(import.meta.glob<Module>('./*.astro', { eager: true }));
export const ownSections = componentsById(import.meta.glob<Module>('/src/sections/*.astro', { eager: true }));
