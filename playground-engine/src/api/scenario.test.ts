import { describe, expect, test } from 'vitest';
import { decode } from './decode';
import { formatGoDuration, parseGoDuration } from './goduration';

const scenario = (spec: string) => `apiVersion: playground/v1\nkind: Scenario\nmetadata:\n  name: demo\nspec:\n${spec}`;
const run = (text: string) => decode(text, { fileName: 'scenario.yaml' });
const frame = (m: string) => `Error from server (BadRequest): error when creating "scenario.yaml": Scenario in version "v1" cannot be handled as a Scenario: ${m}`;

describe('Scenario document', () => {
  test('a full scenario: durations in ms, steps sorted by time with their positions, proxyMode default ipvs', () => {
    const r = run(
      scenario(
        '  duration: 2m\n  steps:\n  - at: 30s\n    run: kubectl get pods\n  - at: 5\n    run: kubectl apply -f pod.yaml\n  traffic:\n  - url: http://web.default.svc\n    rps: 5\n    from: 10s\n    to: 1m\n',
      ),
    );
    expect(r.diagnostics).toEqual([]);
    expect(r.documents).toEqual([]);
    expect(r.scenario).toEqual({
      durationMs: 120_000,
      proxyMode: 'ipvs',
      steps: [
        { atMs: 5_000, run: 'kubectl apply -f pod.yaml', range: { line: 10, column: 5, endLine: 12, endColumn: 1 } },
        { atMs: 30_000, run: 'kubectl get pods', range: { line: 8, column: 5, endLine: 10, endColumn: 1 } },
      ],
      traffic: [{ url: 'http://web.default.svc', rps: 5, fromMs: 10_000, toMs: 60_000 }],
    });
  });

  test.each([
    ['120s', 120_000],
    ['2m', 120_000],
    ['1h30m', 5_400_000],
    ['120', 120_000],
    ['"90"', 90_000],
    ['1.5s', 1_500],
  ])('duration %s', (d, ms) => {
    expect(run(scenario(`  duration: ${d}\n`)).scenario?.durationMs).toBe(ms);
  });

  test('proxyMode iptables; Kubernetes documents stay in the stream', () => {
    const r = run('apiVersion: v1\nkind: Namespace\nmetadata:\n  name: a\n---\n' + scenario('  proxyMode: iptables\n'));
    expect(r.scenario).toEqual({ proxyMode: 'iptables', steps: [], traffic: [] });
    expect(r.documents.map((d) => d.object.kind)).toEqual(['Namespace']);
  });

  const cases: Array<[string, string, string, string | undefined, number, number]> = [
    // name, spec, message, path, line, column
    ['Go duration: unknown unit', '  duration: 2x\n', 'The Scenario "demo" is invalid: spec.duration: Invalid value: "2x": time: unknown unit "x" in duration "2x"', 'spec.duration', 6, 13],
    ['Go duration: missing unit', '  duration: 1m5\n', 'The Scenario "demo" is invalid: spec.duration: Invalid value: "1m5": time: missing unit in duration "1m5"', 'spec.duration', 6, 13],
    ['Go duration: invalid', '  duration: soon\n', 'The Scenario "demo" is invalid: spec.duration: Invalid value: "soon": time: invalid duration "soon"', 'spec.duration', 6, 13],
    ['horizon cap', '  duration: 25h\n', 'The Scenario "demo" is invalid: spec.duration: Invalid value: "25h": must be no more than 24h0m0s', 'spec.duration', 6, 13],
    ['zero duration', '  duration: 0s\n', 'The Scenario "demo" is invalid: spec.duration: Invalid value: "0s": must be greater than 0', 'spec.duration', 6, 13],
    ['proxyMode enum', '  proxyMode: nftables\n', 'The Scenario "demo" is invalid: spec.proxyMode: Unsupported value: "nftables": supported values: "iptables", "ipvs"', 'spec.proxyMode', 6, 14],
    ['step without run', '  steps:\n  - at: 1s\n', 'The Scenario "demo" is invalid: spec.steps[0].run: Required value', 'spec.steps[0].run', 7, 5],
    ['unknown field (strict)', '  durations: 2m\n', frame('strict decoding error: unknown field "spec.durations"'), 'spec.durations', 6, 3],
    ['unknown field in a step', '  steps:\n  - at: 1s\n    rn: x\n', frame('strict decoding error: unknown field "spec.steps[0].rn"'), 'spec.steps[0].rn', 8, 5],
    ['wrong type', '  steps: 3\n', frame('json: cannot unmarshal number into Go struct field ScenarioSpec.spec.steps of type []v1.ScenarioStep'), 'spec.steps', 6, 3],
  ];
  for (const [name, spec, message, path, line, column] of cases) {
    test(name, () => {
      const r = run(scenario(spec));
      expect(r.scenario).toBeUndefined();
      expect(r.diagnostics).toHaveLength(1);
      expect(r.diagnostics[0]).toMatchObject({ severity: 'error', source: 'scenario', message, path, line, column, doc: 0 });
    });
  }

  test('several causes: one message, one positioned diagnostic per cause', () => {
    const r = run(scenario('  traffic:\n  - url: ftp://x\n    rps: 0\n'));
    const message =
      'The Scenario "demo" is invalid: \n* spec.traffic[0].url: Invalid value: "ftp://x": must be an http:// or https:// URL\n* spec.traffic[0].rps: Invalid value: 0: must be greater than 0';
    expect(r.diagnostics.map((d) => [d.message, d.path, d.line])).toEqual([
      [message, 'spec.traffic[0].url', 7],
      [message, 'spec.traffic[0].rps', 8],
    ]);
  });

  test('at most one Scenario', () => {
    const r = run(scenario('  duration: 2m\n') + '---\n' + scenario('  duration: 3m\n'));
    expect(r.scenario?.durationMs).toBe(120_000);
    expect(r.diagnostics).toHaveLength(1);
    expect(r.diagnostics[0]).toMatchObject({
      severity: 'error',
      doc: 1,
      line: 9,
      message: 'error: scenario.yaml: only one Scenario document is allowed; document 2 is a second one (the first is document 1)',
    });
  });
});

describe('Go durations (time.ParseDuration / Duration.String)', () => {
  test.each([
    ['0', 0],
    ['300ms', 300],
    ['-1.5h', -5_400_000],
    ['1h15m30.5s', 4_530_500],
    ['2h45m', 9_900_000],
    ['1µs', 0],
    ['.5s', 500],
  ])('parse %s', (s, ms) => expect(parseGoDuration(s)).toEqual({ ms }));

  test.each([
    ['', 'time: invalid duration ""'],
    ['1', 'time: missing unit in duration "1"'],
    ['1d', 'time: unknown unit "d" in duration "1d"'],
    ['.s', 'time: invalid duration ".s"'],
    ['-', 'time: invalid duration "-"'],
  ])('error for %j', (s, error) => expect(parseGoDuration(s)).toEqual({ error }));

  test.each([
    [0, '0s'],
    [500, '500ms'],
    [1_500, '1.5s'],
    [120_000, '2m0s'],
    [5_400_000, '1h30m0s'],
    [86_400_000, '24h0m0s'],
  ])('format %d', (ms, s) => expect(formatGoDuration(ms)).toBe(s));
});
