/**
 * Properties of the shell on arbitrary input: it never throws out of the engine and always
 * ends (a syntax error, an exit status, or a bounded run), in Debian's dash and Alpine's ash.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { machine, runProcess } from '../testkit';

const TOKENS = ['echo', 'x', '"a b"', "'q'", '$x', '${x:-d}', '$(echo s)', '`echo b`', '$((1+2))', ';', '&&', '||', '|', '&', '>', '>>', '<', '2>&1', 'if', 'then', 'fi', 'else', 'while', 'do', 'done', 'for', 'in', 'case', 'esac', ')', '(', '{', '}', 'true', 'false', 'sleep 1', 'exit 3', 'f()', 'cat', 'ls', 'foo', '\\', '"', "'", '$', '*', '\n', 'break', 'wait', 'kill', 'trap', 'read v', 'exec', 'set -e', 'shift'];

describe('the shell on arbitrary command lines', () => {
  it('never throws and always terminates', () => {
    fc.assert(
      fc.property(fc.constantFrom<'debian' | 'alpine'>('debian', 'alpine'), fc.array(fc.oneof(fc.constantFrom(...TOKENS), fc.string({ maxLength: 6 })), { maxLength: 14 }), (os, toks) => {
        const m = machine(os);
        const r = runProcess(m, ['sh', '-c', toks.join(' ')], { untilMs: 120_000 });
        // Either it ended, or it is still busy after 2 virtual minutes without hanging the engine.
        expect(typeof r.exitCode).toBe('number');
        expect(m.queue.executed).toBeLessThan(200_000);
      }),
      { numRuns: 300, seed: 42 },
    );
  });

  it('is deterministic: the same line gives the same output', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...TOKENS), { maxLength: 10 }), (toks) => {
        const a = runProcess(machine('debian'), ['sh', '-c', toks.join(' ')], { untilMs: 30_000 });
        const b = runProcess(machine('debian'), ['sh', '-c', toks.join(' ')], { untilMs: 30_000 });
        expect(b).toEqual(a);
      }),
      { numRuns: 100, seed: 7 },
    );
  });
});
