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
const fs = await import('node:fs/promises');
// Reads at most maxBytes bytes (the CLI asks for its size limit + 1: /dev/zero or a huge file is
// refused without being read whole).
const readBounded = async (handle, maxBytes = Infinity) => {
  const chunks = [];
  let total = 0;
  while (total < maxBytes) {
    const want = Math.min(65536, maxBytes - total);
    const { bytesRead, buffer } = await handle.read(Buffer.alloc(want), 0, want, null);
    if (!bytesRead) break;
    chunks.push(buffer.subarray(0, bytesRead));
    total += bytesRead;
  }
  return Buffer.concat(chunks).toString('utf8');
};
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2), {
  readFile: async (p, maxBytes) => {
    const handle = await fs.open(p, 'r');
    try {
      return await readBounded(handle, maxBytes);
    } finally {
      await handle.close();
    }
  },
  readStdin: async (maxBytes) => {
    const chunks = [];
    let total = 0;
    for await (const chunk of process.stdin) {
      chunks.push(chunk);
      total += chunk.length;
      if (maxBytes !== undefined && total >= maxBytes) break;
    }
    const all = Buffer.concat(chunks);
    return (maxBytes !== undefined ? all.subarray(0, maxBytes) : all).toString('utf8');
  },
  readDir: async (p) => {
    let st;
    try {
      st = await fs.stat(p);
    } catch {
      return undefined; // readFile then reports it (ENOENT …)
    }
    return st.isDirectory() ? fs.readdir(p) : undefined;
  },
  stdout: (s) => process.stdout.write(bytes(s)),
  stderr: (s) => process.stderr.write(bytes(s)),
  clock: () => performance.now(),
  stdinIsTTY: process.stdin.isTTY === true,
});
