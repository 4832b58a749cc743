// The bare-Astro reference for `bench/run.ts --baseline`: no integrations, no content layer,
// so its pages per second are what Astro itself costs on this machine.
import { defineConfig } from 'astro/config';

export default defineConfig({ output: 'static', logLevel: 'warn' });
