// The `cost:` block of backlot.config.yaml: where exports are, which FOCUS cost column counts, and
// which tag keys name an entity. Type, defaults and JSON Schema sit together here.
import type { CostMeasure } from './formats.ts';
import type { AllocationTagRule } from './allocate.ts';

export interface CostConfig {
  /** Export files or folders (every `.csv` / `.csv.gz` inside), relative to the project root. */
  exports: string[];
  /** FOCUS column summed: `billed` (BilledCost, what the invoice says) or `effective` (EffectiveCost, amortised). */
  measure: CostMeasure;
  /** Tag keys whose value names an entity, tried in order after resource ids and `backlot.dev/cost-tags`. */
  allocationTags: AllocationTagRule[];
}

export const COST_DEFAULTS: CostConfig = {
  exports: ['examples/exports/cost'],
  measure: 'billed',
  allocationTags: [
    { key: 'backstage.io/component', kind: 'component' },
    { key: 'backstage.io/resource', kind: 'resource' },
    { key: 'team', kind: 'group' },
  ],
};

export const costConfigJsonSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    exports: { type: 'array', items: { type: 'string', minLength: 1 }, description: 'export files or folders, e.g. [exports/cost]' },
    measure: { enum: ['billed', 'effective'], description: '`billed` (BilledCost) or `effective` (EffectiveCost)' },
    allocationTags: {
      type: 'array',
      description: 'a list of { key, kind }, e.g. [{ key: team, kind: group }]',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['key', 'kind'],
        properties: {
          key: { type: 'string', minLength: 1, description: 'a tag key, e.g. backstage.io/component' },
          kind: { type: 'string', pattern: '^[A-Za-z][A-Za-z0-9]*$', description: 'an entity kind, e.g. component or group' },
        },
      },
    },
  },
} as const;

export function costConfigWithDefaults(raw: Partial<CostConfig> | undefined): CostConfig {
  return { ...COST_DEFAULTS, ...raw };
}
