// Runs before `npm test`: some tests start real programs from Debian's packages (Chromium for the
// browser tests, nginx for the deploy config, …). On a fresh Debian machine where we are root,
// install what is missing (as CI does); anywhere else, say exactly what to do.
import { existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';

/** What the tests run, and the Debian package that brings it. Add a line for a new one. */
const NEEDED: { binary: string; debianPackage: string; usedBy: string }[] = [
  { binary: process.env.BACKLOT_CHROMIUM ?? '/usr/bin/chromium', debianPackage: 'chromium', usedBy: 'the browser tests' },
  { binary: '/usr/sbin/nginx', debianPackage: 'nginx-light', usedBy: 'the deploy config test (deploy/nginx/)' },
  { binary: '/usr/bin/prometheus', debianPackage: 'prometheus', usedBy: 'the metrics tests (collectors/metrics/, a real Prometheus)' },
  { binary: '/usr/bin/gawk', debianPackage: 'gawk', usedBy: 'the cost tests (totals checked against gawk sums)' },
  { binary: '/usr/bin/mkdocs', debianPackage: 'mkdocs', usedBy: 'the docs benchmark corpus test (bench/docs-corpus.test.ts) and `npm run bench -- --docs`' },
];

const missing = NEEDED.filter((n) => !existsSync(n.binary));
if (missing.length > 0) {
  const packages = missing.map((m) => m.debianPackage);
  if (process.getuid?.() === 0 && existsSync('/usr/bin/apt-get')) {
    process.stderr.write(`pretest: installing Debian's ${packages.join(', ')} (apt-get install -y ${packages.join(' ')})…\n`);
    execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
    execFileSync('apt-get', ['install', '-y', '-qq', ...packages], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  } else {
    for (const m of missing) process.stderr.write(`pretest: ${m.usedBy} need ${m.binary}, from Debian's ${m.debianPackage}.\n`);
    process.stderr.write(`  Install with: sudo apt-get install -y ${packages.join(' ')}   (BACKLOT_CHROMIUM points at another Chromium binary)\n`);
    process.exitCode = 1;
  }
}
