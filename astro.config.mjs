// Astro settings the portal needs whoever builds it. `backlot build` passes root, outDir, base and
// site inline (from backlot.config.yaml and its flags), so nothing here depends on the machine.
import { defineConfig } from 'astro/config';

export default defineConfig({
  output: 'static',
  // Static files live with the rest of the portal's sources.
  publicDir: './src/public',
  // One folder per page (`/catalog/default/component/web/`), so links never need `.html`.
  build: { format: 'directory', concurrency: 4 },
  // Telemetry and the dev toolbar would reach for the network; rendering never does.
  devToolbar: { enabled: false },
  vite: {
    build: {
      // Mermaid (```mermaid blocks in docs) is one large lazy chunk, loaded only where used.
      chunkSizeWarningLimit: 3000,
    },
  },
});
