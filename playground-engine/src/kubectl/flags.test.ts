import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type FlagSpec, parseFlags, str } from './flags';

const SPECS: FlagSpec[] = [
  { name: 'output', shorthand: 'o', type: 'string' },
  { name: 'namespace', shorthand: 'n', type: 'string' },
  { name: 'all-namespaces', shorthand: 'A', type: 'bool' },
  { name: 'watch', shorthand: 'w', type: 'bool' },
  { name: 'stdin', shorthand: 'i', type: 'bool' },
  { name: 'tty', shorthand: 't', type: 'bool' },
  { name: 'tail', type: 'int' },
  { name: 'filename', shorthand: 'f', type: 'stringSlice' },
  { name: 'env', type: 'stringArray' },
  { name: 'dry-run', type: 'string', noOptDefVal: 'unchanged' },
];

function ok(argv: string[]) {
  const r = parseFlags(argv, SPECS);
  if (!r.ok) throw new Error(r.error);
  return r.flags;
}

function error(argv: string[]): string {
  const r = parseFlags(argv, SPECS);
  return r.ok ? '' : r.error;
}

describe('pflag syntax', () => {
  it.each([[['-owide']], [['-o', 'wide']], [['-o=wide']], [['--output=wide']], [['--output', 'wide']]])('%j sets output=wide', (argv) => {
    expect(str(ok(argv), 'output')).toBe('wide');
  });

  it('bool clusters and flags after arguments', () => {
    const f = ok(['exec', '-ti', 'nginx', '-n', 'kube-system', '--', 'sh', '-c', 'ls -l']);
    expect(f.values.get('stdin')).toBe(true);
    expect(f.values.get('tty')).toBe(true);
    expect(str(f, 'namespace')).toBe('kube-system');
    expect(f.args).toEqual(['exec', 'nginx', 'sh', '-c', 'ls -l']);
    expect(f.argsLenAtDash).toBe(2);
  });

  it('a shorthand cluster ending in a value flag takes the rest as its value (-nkube-system)', () => {
    expect(str(ok(['-Anfoo']), 'namespace')).toBe('foo');
  });

  it('--dry-run alone takes NoOptDefVal', () => {
    expect(str(ok(['--dry-run']), 'dry-run')).toBe('unchanged');
    expect(str(ok(['--dry-run=client']), 'dry-run')).toBe('client');
  });

  it('stringSlice splits on commas and accumulates; stringArray does not split', () => {
    expect(ok(['-f', 'a.yaml,b.yaml', '-f', 'c.yaml']).values.get('filename')).toEqual(['a.yaml', 'b.yaml', 'c.yaml']);
    expect(ok(['--env', 'A=1,2', '--env=B=3']).values.get('env')).toEqual(['A=1,2', 'B=3']);
  });

  it('-h and --help set help', () => {
    expect(ok(['-h']).help).toBe(true);
    expect(ok(['--help']).help).toBe(true);
  });
});

describe("pflag's error texts", () => {
  it.each([
    [['--foo'], 'unknown flag: --foo'],
    [['-x'], "unknown shorthand flag: 'x' in -x"],
    [['-Ax'], "unknown shorthand flag: 'x' in -x"],
    [['-n'], "flag needs an argument: 'n' in -n"],
    [['--namespace'], 'flag needs an argument: --namespace'],
    [['--tail=abc'], 'invalid argument "abc" for "--tail" flag: strconv.ParseInt: parsing "abc": invalid syntax'],
    [['--watch=maybe'], 'invalid argument "maybe" for "-w, --watch" flag: strconv.ParseBool: parsing "maybe": invalid syntax'],
    [['---x'], 'bad flag syntax: ---x'],
  ])('%j -> %s', (argv, msg) => {
    expect(error(argv)).toBe(msg);
  });
});

describe('parser robustness', () => {
  it('never throws on arbitrary argv', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.string(), fc.constantFrom('-', '--', '-o', '-n', '--tail', '-ti', '--dry-run', '-f', '=', '-o=', '--=x'))), (argv) => {
        const r = parseFlags(argv, SPECS);
        expect(typeof r.ok).toBe('boolean');
      }),
      { numRuns: 2000 },
    );
  });
});
