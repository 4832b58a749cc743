// Finds section components by id: built-ins here, an organisation's own in src/sections/, each
// with its optional `<id>.section.ts` declaration. import.meta.glob is resolved by Vite at build
// time, so adding a file is all it takes.
import type { AstroComponentFactory } from 'astro/runtime/server/index.js';
import { componentsById, declarationsById } from '../../lib/section-selection.ts';
import type { SectionDeclaration } from './types.ts';

type Module = { default: AstroComponentFactory };
type DeclarationModule = { section: SectionDeclaration };

export const builtInSections = componentsById(import.meta.glob<Module>('./*.astro', { eager: true }));
export const ownSections = componentsById(import.meta.glob<Module>('/src/sections/*.astro', { eager: true }));
export const builtInDeclarations = declarationsById(import.meta.glob<DeclarationModule>('./*.section.ts', { eager: true }));
export const ownDeclarations = declarationsById(import.meta.glob<DeclarationModule>('/src/sections/*.section.ts', { eager: true }));
