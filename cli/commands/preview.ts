// `backlot preview`: serves a built portal locally under its base path, as the CDN will, and
// prints the URL (with the real port when --port 0 asks the system for a free one).
import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { loadConfig } from '../../lib/config/load.ts';
import { normaliseBase } from '../../lib/config/base.ts';
import { createStaticServer } from '../../src/build/static-server.ts';
import type { Command } from '../command.ts';
import { EXIT, parseCommandOptions } from '../command.ts';

const help = `Usage: backlot preview [options]

Serves the built portal (see \`backlot build\`) until interrupted, under the configured base path.

Options:
  --out <dir>       Folder to serve (default: dist)
  --port <n>        Port to listen on; 0 picks a free one (default: 4321)
  --host <host>     Address to listen on (default: 127.0.0.1)
  --base <path>     Base path to serve under (default: the config's base)
  --config <file>   Configuration file (default: backlot.config.yaml)

Prints one line \`Backlot preview: http://<host>:<port><base>\` on stdout once listening.
`;

export const command: Command = {
  name: 'preview',
  summary: 'Serve dist/ on 127.0.0.1',
  help,
  async run(args) {
    const values = parseCommandOptions({ name: 'preview', help }, args, {
      out: { type: 'string', default: 'dist' },
      port: { type: 'string', default: '4321' },
      host: { type: 'string', default: '127.0.0.1' },
      base: { type: 'string' },
      config: { type: 'string' },
    });
    if (!values) return EXIT.usage;
    const port = Number(values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) {
      process.stderr.write(`backlot preview: --port must be a number from 0 to 65535\n`);
      return EXIT.usage;
    }
    const root = process.cwd();
    const outDir = path.resolve(root, values.out);
    if (!existsSync(path.join(outDir, 'index.html'))) {
      process.stderr.write(`backlot preview: ${values.out}/index.html not found; run \`backlot build --out ${values.out}\` first\n`);
      return EXIT.failed;
    }
    const base = normaliseBase(values.base ?? (await loadConfig(root, values.config)).base);
    const server = createStaticServer(outDir, base);
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, values.host, () => resolve());
    });
    const address = server.address() as AddressInfo;
    const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
    process.stdout.write(`Backlot preview: http://${host}:${address.port}${base}\n`);
    return new Promise<number>((resolve) => {
      const stop = () => server.close(() => resolve(EXIT.ok));
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
  },
};
