/**
 * -o go-template: Go's text/template semantics as kubectl v1.30 runs them (missing keys print
 * `<no value>`, integral JSON numbers are int64, fmt's %v for maps and lists) and text/template's
 * own error texts. Expected strings follow the Go 1.22 text/template and fmt sources.
 */
import { describe, expect, it } from 'vitest';
import { FakeHost, kubectl } from '../testing/fake-host';
import * as O from '../testing/objects';
import { goFloat, goSprintf, parseGoTemplate } from './gotemplate';

const data = {
  kind: 'List',
  items: [
    { metadata: { name: 'a', labels: { app: 'x', tier: 'web' } }, status: { podIP: '10.0.0.1', big: 1000000, half: 0.5, none: null } },
    { metadata: { name: 'b' }, status: { podIP: '10.0.0.2' } },
  ],
};
const run = (tpl: string, d: unknown = data) => parseGoTemplate(tpl).execute(JSON.parse(JSON.stringify(d)));
const failure = (tpl: string, d: unknown = data) => {
  try {
    run(tpl, d);
  } catch (e) {
    return (e as Error).message;
  }
  return 'no error';
};

describe('text/template as kubectl runs it', () => {
  it('range, fields, string literals and trimming', () => {
    expect(run('{{range .items}}{{.status.podIP}}{{"\\n"}}{{end}}')).toBe('10.0.0.1\n10.0.0.2\n');
    expect(run('{{range $i, $p := .items}}{{$i}}={{$p.metadata.name}} {{end}}')).toBe('0=a 1=b ');
    expect(run('{{- range .items -}}\n  {{ .metadata.name }}\n{{- end }}')).toBe('ab');
    expect(run('{{range .items}}{{.metadata.name}}{{/* a comment */}}{{end}}')).toBe('ab');
    expect(run('{{range .nothing}}x{{else}}empty{{end}}')).toBe('empty');
    expect(run('{{range .items}}{{if eq .metadata.name "a"}}{{continue}}{{end}}{{.metadata.name}}{{end}}')).toBe('b');
  });

  it('missing keys, maps, numbers and nil as Go prints them', () => {
    expect(run('{{range .items}}{{.metadata.labels}}|{{.status.missing}}|{{.status.big}}|{{.status.half}}|{{.status.none}}\n{{end}}')).toBe(
      'map[app:x tier:web]|<no value>|1000000|0.5|<nil>\n<no value>|<no value>|<no value>|<no value>|<no value>\n',
    );
    expect(run('{{index .items 1 "status" "nope"}}')).toBe('<nil>');
    expect(run('{{.items | len}} {{len (index .items 0).metadata.labels}}')).toBe('2 2');
  });

  it('if / else if / with, comparisons and the logic functions', () => {
    expect(run('{{range .items}}{{if .metadata.labels}}L{{else if .status}}S{{end}}{{end}}')).toBe('LS');
    expect(run('{{with .nope}}x{{else}}none{{end}} {{with .kind}}{{.}}{{end}}')).toBe('none List');
    expect(run('{{if and .kind (not .nope)}}{{or .nope "dflt"}}{{end}} {{eq .kind "X" "List"}} {{lt 1 2}}')).toBe('dflt true true');
    expect(run('{{$n := len .items}}{{if gt $n 1}}many{{end}}{{$n = 0}}{{$n}}')).toBe('many0');
  });

  it('printf, print and println use fmt', () => {
    expect(run('{{printf "%-5s|%3d|%v|%q|%05.1f" "ab" 7 .kind "x" 2.25}}')).toBe('ab   |  7|List|"x"|002.2');
    expect(goSprintf('%d %s', ['s'])).toBe('%!d(string=s) %!s(MISSING)');
    expect(goSprintf('%s', ['a', 1])).toBe('a%!(EXTRA int64=1)');
    expect(run('{{print 1 2 "a" 3}}|{{println 1 "a"}}')).toBe('1 2a3|1 a\n');
    expect(goFloat(1e21)).toBe('1e+21');
    expect(goFloat(1.5e-7)).toBe('1.5e-07');
  });

  it('define / template, html, urlquery, base64decode, exists', () => {
    expect(run('{{define "n"}}<{{.metadata.name}}>{{end}}{{range .items}}{{template "n" .}}{{end}}')).toBe('<a><b>');
    expect(run('{{html "<a&b>"}} {{urlquery "a b&c"}} {{base64decode "aGVsbG8="}} {{exists . "items" 0 "metadata"}} {{exists . "items" 5}}')).toBe('&lt;a&amp;b&gt; a+b%26c hello true false');
  });

  it('parse errors in text/template words', () => {
    expect(failure('{{foo .}}')).toBe('template: output:1: function "foo" not defined');
    expect(failure('{{range .items}}')).toBe('template: output:1: unexpected EOF');
    expect(failure('{{end}}')).toBe('template: output:1: unexpected {{end}}');
    expect(failure('{{.x.y')).toBe('template: output:1: unclosed action');
  });

  it('execution errors name the node and its place', () => {
    // a chain of fields is placed at its second field, as parse.go's newChain(peek().pos) does
    expect(failure('{{.kind.x}}')).toBe('template: output:1:7: executing "output" at <.kind.x>: can\'t evaluate field x in type interface {}');
    expect(failure('{{range .items}}{{.status.none.x}}{{end}}')).toBe('template: output:1:25: executing "output" at <.status.none.x>: nil pointer evaluating interface {}.x');
    expect(failure('{{index .items 5}}')).toBe('template: output:1:2: executing "output" at <index .items 5>: error calling index: index out of range: 5');
  });

  it('hostile templates stay bounded', () => {
    expect(failure('{{range .items}}{{range $.items}}{{range $.items}}{{end}}{{end}}{{end}}'.repeat(1))).toBe('no error');
    const deep = '{{if .kind}}'.repeat(500) + '{{end}}'.repeat(500);
    expect(failure(deep)).toMatch(/exceeded maximum template depth/);
    const big = { items: Array.from({ length: 2000 }, (_, i) => i) };
    expect(failure('{{range .items}}{{range $.items}}{{end}}{{end}}', big)).toMatch(/exceeded 1000000 execution steps/);
  });
});

describe('kubectl get -o go-template / --template', () => {
  const h = new FakeHost(100_000_000);
  h.add(O.pod('nginx', 100_000_000, { age: 5, labels: { app: 'web' } }));
  h.add(O.pod('other', 100_000_000, { age: 6, labels: { app: 'web' } }));
  it('the list and a single object', () => {
    expect(kubectl(h, `get po -o go-template='{{range .items}}{{.metadata.name}}{{"\\n"}}{{end}}'`).stdout).toBe('nginx\nother\n');
    expect(kubectl(h, `get po nginx --template='{{.metadata.labels.app}}'`).stdout).toBe('web');
    expect(kubectl(h, `get po nginx -o template --template='{{.kind}}'`).stdout).toBe('Pod');
  });
  it("cli-runtime's messages", () => {
    expect(kubectl(h, 'get po -o go-template').stderr).toBe('error: template format specified but no template given\n');
    expect(kubectl(h, `get po -o go-template='{{.x'`).stderr).toBe('error: error parsing template {{.x, template: output:1: unclosed action\n');
    expect(kubectl(h, 'get po -o go-template-file=nope.tpl').stderr).toBe('error: error reading --template nope.tpl, open nope.tpl: no such file or directory\n');
    const r = kubectl(h, `get po nginx -o go-template='{{.metadata.name}}:{{.kind.x}}'`);
    expect(r.stdout.startsWith('nginx:Error executing template: template: output:1:26: executing "output" at <.kind.x>: can\'t evaluate field x in type interface {}. Printing more information for debugging the template:\n\ttemplate was:\n\t\t{{.metadata.name}}:{{.kind.x}}\n\traw data was:\n\t\t{"apiVersion":"v1","kind":"Pod",')).toBe(true);
    expect(r.stdout).toContain('\tobject given to template engine was:\n\t\tmap[apiVersion:v1 kind:Pod metadata:map[');
    expect(r.stderr).toBe('error: error executing template "{{.metadata.name}}:{{.kind.x}}": template: output:1:26: executing "output" at <.kind.x>: can\'t evaluate field x in type interface {}\n');
  });
});

describe('kubectl get -o jsonpath-file / -o jsonpath --template', () => {
  const h = new FakeHost(100_000_000);
  h.add(O.pod('nginx', 100_000_000, { age: 5, labels: { app: 'web' } }));
  it('the template from a file or from --template; the file missing or not given', () => {
    expect(kubectl(h, `get po nginx -o jsonpath --template='{.metadata.name}'`).stdout).toBe('nginx');
    expect(kubectl(h, 'get po nginx -o jsonpath-file=nope').stderr).toBe('error: error reading --template nope, open nope: no such file or directory\n');
    expect(kubectl(h, 'get po nginx -o jsonpath-file').stderr).toBe('error: template format specified but no template given\n');
  });
});

// Expected texts checked against the real kubectl v1.30 (oracle-kinds.test.ts runs the same kinds of templates).
describe('kubectl get -o jsonpath-as-json, and jsonpath execution as client-go runs it', () => {
  const h = new FakeHost(100_000_000);
  h.add(O.pod('nginx', 100_000_000, { age: 5, labels: { app: 'web' } }));
  it('each expression\'s results as one indented JSON array', () => {
    expect(kubectl(h, `get po nginx -o jsonpath-as-json='{.metadata.labels}{.nope}{"x"}'`).stdout).toBe('[\n    {\n        "app": "web"\n    }\n]\n[]\n[\n    "x"\n]\n');
    expect(kubectl(h, `get po -o jsonpath-as-json='{range .items[*]}{.metadata.name}{end}'`).stdout).toBe('[\n    "nginx"\n]\n');
    expect(kubectl(h, 'get po nginx -o jsonpath-as-json').stderr).toBe('error: template format specified but no template given\n');
  });
  it('with --template the format is the bare name', () => {
    expect(kubectl(h, `get po nginx -o jsonpath='{.kind}' --template='{.kind}'`).stderr).toMatch(/^error: unable to match a printer suitable for the output format "jsonpath=\{\.kind\}", allowed formats are: /);
  });
  it('range over a list without [*] iterates once, over the list itself', () => {
    expect(kubectl(h, `get po -o jsonpath='{range .items}{.metadata.name}{end}|{range .items[*]}[{.metadata.name}]{end}'`).stdout).toBe('|[nginx]');
  });
  it('execution errors: bounds, non-arrays, {end} outside a range, missing keys when not allowed', () => {
    const e = (t: string, more = '') => kubectl(h, `get po nginx -o jsonpath='${t}'${more}`).stderr.split('\n')[0];
    expect(e('{.spec.containers[3]}')).toBe('error: error executing jsonpath "{.spec.containers[3]}": Error executing template: array index out of bounds: index 3, length 1. Printing more information for debugging the template:');
    expect(e('{.metadata[0]}')).toBe('error: error executing jsonpath "{.metadata[0]}": Error executing template: map[string]interface {} is not array or slice. Printing more information for debugging the template:');
    expect(e('{end}')).toBe('error: error executing jsonpath "{end}": Error executing template: not in range, nothing to end. Printing more information for debugging the template:');
    expect(e('{.nope}', ' --allow-missing-template-keys=false')).toBe('error: error executing jsonpath "{.nope}": Error executing template: nope is not found. Printing more information for debugging the template:');
    const full = kubectl(h, `get po nginx -o jsonpath='{end}'`).stderr;
    expect(full).toContain('\ttemplate was:\n\t\t{end}\n\tobject given to jsonpath engine was:\n\t\tmap[string]interface {}{"apiVersion":"v1", "kind":"Pod", "metadata":map[string]interface {}{');
    expect(full.endsWith('}\n\n\n')).toBe(true);
  });
});

// checked against the real kubectl v1.30 (oracle-kinds.test.ts)
describe('RelaxedJSONPathExpression, as custom-columns and --sort-by read their paths', () => {
  const h = new FakeHost(100_000_000);
  h.add(O.pod('nginx', 100_000_000, { age: 5, labels: { app: 'web' } }));
  it('{a.b} means {.a.b}; two expressions are refused', () => {
    expect(kubectl(h, `get po -o custom-columns=NAME:{metadata.name} --sort-by={metadata.name}`).stdout).toBe('NAME\nnginx\n');
    expect(kubectl(h, `get po -o custom-columns=X:{.metadata.name}{.kind}`).stderr).toBe("error: unexpected path string, expected a 'name1.name2' or '.name1.name2' or '{name1.name2}' or '{.name1.name2}'\n");
  });
});
