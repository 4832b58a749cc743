// Runs before `npm test`: the browser tests drive Debian's Chromium. On a fresh Debian machine
// where we are root, install it (as CI does); anywhere else, say exactly what to do.
import { existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';

const CHROMIUM = process.env.BACKLOT_CHROMIUM ?? '/usr/bin/chromium';

if (!existsSync(CHROMIUM)) {
  const isRoot = process.getuid?.() === 0;
  if (isRoot && existsSync('/usr/bin/apt-get')) {
    process.stderr.write(`pretest: ${CHROMIUM} is missing; installing Debian's chromium (apt-get install -y chromium)…\n`);
    execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
    execFileSync('apt-get', ['install', '-y', '-qq', 'chromium'], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  } else {
    process.stderr.write(
      `pretest: the browser tests need Debian's Chromium at ${CHROMIUM}.\n` +
        `  Install it with: sudo apt-get install -y chromium   (or set BACKLOT_CHROMIUM to another Chromium binary)\n`,
    );
    process.exitCode = 1;
  }
}
