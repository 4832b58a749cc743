// The `cost:` block of backlot.config.yaml: where exports are, which FOCUS cost column counts, and
// which tag keys name an entity. One TypeBox declaration gives its type, defaults and validation.
import { Type, type Static } from 'typebox';

const allocationTag = Type.Object(
  {
    key: Type.String({ minLength: 1, description: 'a tag key, e.g. backstage.io/component' }),
    kind: Type.String({ pattern: '^[A-Za-z][A-Za-z0-9]*$', description: 'the kind the tag value names, e.g. component or group' }),
  },
  { additionalProperties: false },
);

export const costConfigSchema = Type.Object(
  {
    exports: Type.Array(Type.String({ minLength: 1 }), {
      default: [],
      description: 'export files or folders (every .csv / .csv.gz inside), relative to the project root; empty means <exports.dir>/cost',
    }),
    measure: Type.Enum(['billed', 'effective'], {
      default: 'billed',
      description: '`billed` (FOCUS BilledCost, what the invoice says) or `effective` (EffectiveCost, amortised)',
    }),
    allocationTags: Type.Array(allocationTag, {
      default: [
        { key: 'backstage.io/component', kind: 'component' },
        { key: 'backstage.io/resource', kind: 'resource' },
        { key: 'team', kind: 'group' },
      ],
      description: 'tag keys whose value names an entity, tried in order after resource ids and backlot.dev/cost-tags, e.g. [{ key: team, kind: group }]',
    }),
  },
  { additionalProperties: false, default: {} },
);

export type CostConfig = Static<typeof costConfigSchema>;
