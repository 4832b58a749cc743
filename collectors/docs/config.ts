// The `docs:` block of backlot.config.yaml (collectors/docs): which release tags become versions and
// which outside hosts docs may embed. One TypeBox declaration gives its type, defaults and validation.
import { Type, type Static } from 'typebox';

const hostList = (description: string) => Type.Array(Type.String({ minLength: 1 }), { default: [], description });

export const docsConfigSchema = Type.Object(
  {
    versions: Type.Object(
      {
        tags: Type.String({ minLength: 1, default: 'v*', description: 'a git tag pattern, e.g. v*' }),
        last: Type.Integer({ minimum: 0, maximum: 20, default: 3, description: 'how many of the newest matching tags, e.g. 3 (0: the default branch only)' }),
      },
      { additionalProperties: false, default: {}, description: 'release tags published as versions beside the default branch' },
    ),
    iframeHosts: hostList('host names whose https iframes docs may embed, e.g. www.youtube-nocookie.com; all others are removed'),
    imageHosts: hostList('host names docs may show images from, e.g. img.shields.io; others are left out, so reading a page calls no other site'),
  },
  { additionalProperties: false, default: {} },
);

export type DocsConfig = Static<typeof docsConfigSchema>;

export const DOCS_DEFAULTS: DocsConfig = { versions: { tags: 'v*', last: 3 }, iframeHosts: [], imageHosts: [] };
