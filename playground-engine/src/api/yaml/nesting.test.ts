import { describe, expect, test } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { firstTooDeep, PRESCAN_MAX_DEPTH } from './nesting';

const manifests = fileURLToPath(new URL('../../../../content/manifests/', import.meta.url));

describe('the nesting bound checked before parsing', () => {
  test('lets every manifest of the notes through', () => {
    const files = readdirSync(manifests).filter((f) => /\.ya?ml$/.test(f));
    expect(files.length).toBeGreaterThan(5);
    for (const f of files) expect([f, firstTooDeep(readFileSync(manifests + f, 'utf8'))]).toEqual([f, undefined]);
  });

  test('ignores brackets inside scalars, quotes, comments and block scalars', () => {
    const deepText = '['.repeat(PRESCAN_MAX_DEPTH + 5);
    const text = [
      `a: x${deepText}`,
      `b: '${deepText}'`,
      `c: "${deepText}\\"${deepText}"`,
      `# ${deepText}`,
      `d: 1 # ${deepText}`,
      'e: |',
      `  ${deepText}`,
      '',
      `  ${deepText}`,
      'f: >-',
      `    ${deepText}`,
      'g: ok',
    ].join('\n');
    expect(firstTooDeep(text)).toBeUndefined();
  });

  test('counts flow levels exactly, and block levels by indentation and compact indicators', () => {
    const at = (n: number) => `a: ${'['.repeat(n)}${']'.repeat(n)}`;
    expect(firstTooDeep(at(PRESCAN_MAX_DEPTH - 1))).toBeUndefined();
    expect(firstTooDeep(at(PRESCAN_MAX_DEPTH))).toBe(3 + PRESCAN_MAX_DEPTH - 1);
    const block = Array.from({ length: PRESCAN_MAX_DEPTH + 1 }, (_, i) => `${' '.repeat(i)}k:`).join('\n');
    expect(firstTooDeep(block)).toBe(block.lastIndexOf('k:'));
    expect(firstTooDeep(`${'- '.repeat(PRESCAN_MAX_DEPTH + 1)}x`)).toBe(2 * (PRESCAN_MAX_DEPTH - 1));
    // a new document starts from the top again
    expect(firstTooDeep(`${'- '.repeat(PRESCAN_MAX_DEPTH - 2)}x\n---\n${'- '.repeat(PRESCAN_MAX_DEPTH - 2)}x`)).toBeUndefined();
  });

  test('is linear: a 3 MiB line of brackets is answered at once', () => {
    const text = `a: ${'['.repeat(3 * 1024 * 1024)}`;
    expect(firstTooDeep(text)).toBe(3 + PRESCAN_MAX_DEPTH - 1);
    expect(firstTooDeep(`a: "${'['.repeat(3 * 1024 * 1024)}"`)).toBeUndefined();
  });
});
