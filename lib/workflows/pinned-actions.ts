// The third-party actions Backlot's workflows (and the ones it generates) may use, each pinned to
// the full commit SHA of a release: a tag can be moved by whoever controls the action's repository,
// a commit cannot. Bump a pin by replacing the SHA and the version together.
export const PINNED_ACTIONS = {
  checkout: { uses: 'actions/checkout', sha: '11bd71901bbe5b1630ceea73d27597364c9af683', version: 'v4.2.2' },
  setupNode: { uses: 'actions/setup-node', sha: '49933ea5288caeca8642d1e84afbd3f7d6820020', version: 'v4.4.0' },
  cache: { uses: 'actions/cache', sha: '5a3ec84eff668545956fd18022155c47e93e2684', version: 'v4.2.3' },
  uploadArtifact: { uses: 'actions/upload-artifact', sha: 'ea165f8d65b6e75b540449e92b4886f43607fa02', version: 'v4.6.2' },
  downloadArtifact: { uses: 'actions/download-artifact', sha: 'd3f86a106a0bac45b974a628896c90dbdf5c8093', version: 'v4.3.0' },
  configurePages: { uses: 'actions/configure-pages', sha: '983d7736d9b0ae728b81ab479565c72886d7745b', version: 'v5.0.0' },
  uploadPagesArtifact: { uses: 'actions/upload-pages-artifact', sha: '56afc609e74202658d3ffba0e8f6dda462b719fa', version: 'v3.0.1' },
  deployPages: { uses: 'actions/deploy-pages', sha: 'd6db90164ac5ed86f2b6aed7e0febac5b3c0c03e', version: 'v4.0.5' },
} as const;

export type PinnedAction = keyof typeof PINNED_ACTIONS;

/** `actions/checkout@<sha> # v4.2.2`, as a `uses:` value with its version comment. */
export function pinnedUses(action: PinnedAction): string {
  const { uses, sha, version } = PINNED_ACTIONS[action];
  return `${uses}@${sha} # ${version}`;
}
