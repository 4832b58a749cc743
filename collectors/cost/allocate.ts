// Decides which catalog entity a charge belongs to: resource ids an entity lists, tags an entity
// claims, then the configured tag keys whose value names an entity. One row goes to at most one
// entity (no double counting); anything else is unallocated, with the reason kept.
import { safeParseEntityRef, stringifyEntityRef } from '../../lib/catalog/ref.ts';
import { own, type CostLine } from './read-export.ts';

/** What allocation reads of a row (the reader's CostLine). */
export type AllocatableLine = Pick<CostLine, 'resourceId' | 'resourceIdIs' | 'tagKey' | 'tagKeyIs' | 'readTags'>;

/** Entity annotation: resource ids (comma- or line-separated) whose cost is the entity's. */
export const RESOURCE_IDS_ANNOTATION = 'backlot.dev/cost-resource-ids';
/** Entity annotation: `key=value` tags (comma-separated) whose cost is the entity's, e.g. `application=BrightPathMatrix`. */
export const COST_TAGS_ANNOTATION = 'backlot.dev/cost-tags';

export interface AllocationTagRule {
  /** Tag key whose value names an entity, e.g. `backstage.io/component`. */
  key: string;
  /** Kind assumed when the value is a bare name (`payments` → `component:default/payments`). */
  kind: string;
}

export interface AllocatableEntity {
  ref: string;
  annotations: Record<string, string>;
}

/** Where a charge went; an unallocated one says why, and which tag value it had when that is the reason. */
export type Allocation = { ref: string; via: string } | { ref: undefined; reason: string; example?: string };

export const UNALLOCATED_NO_TAG = 'no allocation tag and no listed resource id';

export class CostAllocator {
  readonly #byResourceId = new Map<string, string>();
  /** The same allocation object for every row a resource id decides (no garbage per row). */
  readonly #resourceAllocations = new Map<string, Allocation>();
  readonly #byTag = new Map<string, string>();
  readonly #refs = new Set<string>();
  readonly #rules: AllocationTagRule[];
  readonly #cache = new Map<string, Allocation>();
  // The row before's answers: exports group rows by resource and tags, so most rows repeat them.
  #lastTagKey = '';
  #lastTagAllocation: Allocation | undefined;
  #lastResourceId = '';
  #lastResourceAllocation: Allocation | undefined;
  /** Problems in the entities' annotations, as `{ ref, message }`. */
  readonly problems: { ref: string; message: string }[] = [];

  constructor(entities: AllocatableEntity[], rules: AllocationTagRule[]) {
    this.#rules = rules;
    for (const entity of entities) {
      this.#refs.add(entity.ref);
      const ids = entity.annotations[RESOURCE_IDS_ANNOTATION];
      if (ids !== undefined) {
        for (const id of ids.split(/[\n,]/).map((s) => s.trim()).filter(Boolean)) {
          this.#claim(this.#byResourceId, id, entity.ref, `resource id ${id}`);
        }
      }
      const tags = entity.annotations[COST_TAGS_ANNOTATION];
      if (tags !== undefined) {
        for (const pair of tags.split(',').map((s) => s.trim()).filter(Boolean)) {
          const eq = pair.indexOf('=');
          if (eq <= 0) {
            this.problems.push({ ref: entity.ref, message: `${COST_TAGS_ANNOTATION}: "${pair}" is not key=value (write e.g. team=payments)` });
            continue;
          }
          this.#claim(this.#byTag, tagKey(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim()), entity.ref, `tag ${pair}`);
        }
      }
    }
  }

  #claim(index: Map<string, string>, key: string, ref: string, what: string): void {
    const owner = index.get(key);
    if (owner !== undefined && owner !== ref) {
      this.problems.push({ ref, message: `${what} is also claimed by ${owner}; its cost stays with ${owner}` });
      return;
    }
    index.set(key, ref);
  }

  /**
   * The entity the reader's row belongs to; tags are parsed only when no resource id decides, and
   * once per distinct tag text. Cells are compared in place with the row before's.
   */
  allocate(line: AllocatableLine): Allocation {
    if (this.#byResourceId.size > 0) {
      if (!line.resourceIdIs(this.#lastResourceId)) {
        const id = line.resourceId;
        const ref = id ? this.#byResourceId.get(id) : undefined;
        this.#lastResourceId = id;
        this.#lastResourceAllocation = ref === undefined ? undefined : this.#resourceAllocation(id, ref);
      }
      if (this.#lastResourceAllocation) return this.#lastResourceAllocation;
    }
    if (this.#lastTagAllocation && line.tagKeyIs(this.#lastTagKey)) return this.#lastTagAllocation;
    const key = line.tagKey;
    this.#lastTagKey = key;
    return (this.#lastTagAllocation = this.#tagAllocation(key, line));
  }

  #resourceAllocation(resourceId: string, ref: string): Allocation {
    let allocation = this.#resourceAllocations.get(resourceId);
    if (!allocation) this.#resourceAllocations.set(own(resourceId), (allocation = { ref, via: 'resource id' }));
    return allocation;
  }

  #tagAllocation(key: string, line: AllocatableLine): Allocation {
    let allocation = this.#cache.get(key);
    if (!allocation) {
      allocation = this.#byTags(line.readTags());
      // Tag texts repeat across millions of rows; a bounded cache keeps memory flat on odd files.
      if (this.#cache.size >= 50_000) this.#cache.clear();
      this.#cache.set(own(key), allocation);
    }
    return allocation;
  }

  #byTags(tags: Map<string, string> | undefined): Allocation {
    if (!tags) return { ref: undefined, reason: 'tags are not valid JSON, or hold a __proto__, constructor or prototype key' };
    for (const [key, value] of tags) {
      const ref = this.#byTag.get(tagKey(key, value));
      if (ref !== undefined) return { ref, via: `tag ${key}` };
    }
    for (const rule of this.#rules) {
      const value = tags.get(rule.key)?.trim();
      if (!value) continue;
      const parsed = safeParseEntityRef(value, { defaultKind: rule.kind });
      const ref = 'error' in parsed ? undefined : stringifyEntityRef(parsed);
      if (ref !== undefined && this.#refs.has(ref)) return { ref, via: `tag ${rule.key}` };
      return { ref: undefined, reason: `tag ${rule.key} names no entity in the catalog`, example: `${rule.key}=${value}` };
    }
    return { ref: undefined, reason: UNALLOCATED_NO_TAG };
  }
}

function tagKey(key: string, value: string): string {
  return `${key}\u0000${value}`;
}
