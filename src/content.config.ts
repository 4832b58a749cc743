// Astro content collections of the portal. The collected catalog is deliberately not one: it is
// read by src/lib/catalog-content.ts (see there why: the content layer's shared data store let
// concurrent builds of different content folders overwrite each other). Collections for content
// that lives in this repository (the portal's own pages, docs) belong here.
export const collections = {};
