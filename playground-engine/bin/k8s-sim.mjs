#!/usr/bin/env node
// Entry of the k8s-sim command line. The engine is TypeScript; tsx compiles it on load
// (and caches), so no build step is needed after `npm ci`.
import { register } from 'tsx/esm/api';

register();
// kubectl can print invalid UTF-8 (an annotation cut inside a character); the engine keeps such
// bytes as lone surrogates U+DC80..U+DCFF, written here back as the raw bytes.
const bytes = (s) => {
  if (!/[\udc80-\udcff]/.test(s)) return s;
  const parts = [];
  let last = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) { i++; continue; }
    if (c >= 0xdc80 && c <= 0xdcff) {
      parts.push(Buffer.from(s.slice(last, i), 'utf8'), Buffer.from([c - 0xdc00]));
      last = i + 1;
    }
  }
  parts.push(Buffer.from(s.slice(last), 'utf8'));
  return Buffer.concat(parts);
};
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2), {
  readFile: async (p) => (await import('node:fs/promises')).readFile(p, 'utf8'),
  stdout: (s) => process.stdout.write(bytes(s)),
  stderr: (s) => process.stderr.write(bytes(s)),
  clock: () => performance.now(),
  stdinIsTTY: process.stdin.isTTY === true,
  readStdin: async () => {
    const chunks = [];
    for await (const c of process.stdin) chunks.push(c);
    return Buffer.concat(chunks).toString('utf8');
  },
});
