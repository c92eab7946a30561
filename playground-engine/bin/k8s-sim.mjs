#!/usr/bin/env node
// Entry of the k8s-sim command line. The engine is TypeScript; tsx compiles it on load
// (and caches), so no build step is needed after `npm ci`.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2), {
  readFile: async (p) => (await import('node:fs/promises')).readFile(p, 'utf8'),
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
  clock: () => performance.now(),
});
