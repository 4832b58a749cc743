import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as naming from './naming.ts';

const cases: [string, (v: unknown) => boolean, unknown[], unknown[]][] = [
  ['entity names', naming.isValidEntityName, ['a', 'my-service', 'My_Service.v2', 'x'.repeat(63)], ['my service', '-lead', 'trail-', 'x'.repeat(64), '', 'a/b', 3]],
  ['namespaces (DNS labels)', naming.isValidNamespace, ['default', 'team-a', 'a1'], ['Default', 'team_a', '-a', 'a-', 'a.b', 'x'.repeat(64)]],
  ['label keys', naming.isValidLabelKey, ['tier', 'example.com/tier', 'a.b-c/x_y'], ['a/b/c', 'Example.com/tier', 'tier!', '/tier', 'example.com/']],
  ['label values', naming.isValidLabelValue, ['', 'gold', 'v1.2_x'], ['free text', '-x', 'x'.repeat(64)]],
  ['annotation keys', naming.isValidAnnotationKey, ['backstage.io/techdocs-ref', 'github.com/project-slug'], ['backstage.io/techdocs ref', 'a/b/c']],
  ['annotation values', naming.isValidAnnotationValue, ['', 'any text: at all'], [1, true, null]],
  ['tags', naming.isValidTag, ['java', 'c++', 'c#', 'web-app', 'x'.repeat(63)], ['Java', 'web app', 'web--app', '-x', 'x'.repeat(64), 'a_b']],
  ['kinds', naming.isValidKind, ['Component', 'API', 'MyKind2'], ['2Kind', 'my-kind', '']],
  ['apiVersions', naming.isValidApiVersion, ['backstage.io/v1alpha1', 'v1', 'scaffolder.backstage.io/v1beta3'], ['backstage.io/v1/x', 'Backstage.io/v1', 'backstage.io/v-1']],
  ['link URLs', naming.isValidUrl, ['https://example.com/x', 'mailto:a@b.c'], ['example.com', '/relative', '']],
];

for (const [what, check, good, bad] of cases) {
  test(`accepts well-formed ${what}`, () => {
    for (const v of good) assert.equal(check(v), true, `${JSON.stringify(v)} should be accepted`);
  });
  test(`rejects malformed ${what}`, () => {
    for (const v of bad) assert.equal(check(v), false, `${JSON.stringify(v)} should be rejected`);
  });
}
