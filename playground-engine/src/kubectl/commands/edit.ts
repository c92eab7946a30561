/**
 * `kubectl edit` (kubectl/pkg/cmd/util/editor/editoptions.go): kubectl reads the objects, writes
 * them under its header to `/tmp/kubectl-edit-….yaml` and launches $KUBE_EDITOR, $EDITOR or `vi`.
 *
 * In the page's terminal the reader's editor is the editor: the line stops when kubectl opens it
 * (the session says which file, with what text) and runs again with each text the reader saved, in
 * order, so the rounds replay deterministically. Each round does what editoptions.go's loop does:
 * unchanged → `Edit cancelled, no changes made.`; empty → `Edit cancelled, saved file was empty.`;
 * a YAML error or an invalid object → the file reopens with the failures in its header; a second
 * save without changes after a failure → `Edit cancelled, no valid changes were saved.` with the
 * copy of the changes kept in /tmp. A valid change is sent as an update and prints `pod/nginx edited`.
 * Without the page's editor (the CLI, a script) the launch fails with editor.go's own message for
 * an editor that cannot be started (checked against kubectl v1.30 with no `vi`).
 */
import type { K8sObject } from '../../types';
import { parseDocument } from 'yaml';
import { decode } from '../../api/decode';
import { KubectlError, plainError, noResourcesGiven } from '../errors';
import { bool, list, str } from '../flags';
import { toYaml } from '../printers/yaml';
import { kindPrefix, qualifiedResource } from '../resources';
import { buildInfos } from './builder';
import { forOutput } from './get';
import { FILENAME_FLAG, OUTPUT_FLAG, SELECTOR_FLAG } from './common-flags';
import { type Command, type CommandContext, err, out } from './context';

const HEADER = `# Please edit the object below. Lines beginning with a '#' will be ignored,
# and an empty file will abort the edit. If an error occurs while saving this file will be
# reopened with the relevant failures.
#
`;

interface Reason {
  head: string;
  other: string[];
}

/** editHeader.writeTo: the header, then each reason (`# head:` and `# * cause` lines, then `#`). */
function header(reasons: Reason[]): string {
  let s = HEADER;
  for (const r of reasons) {
    s += r.other.length ? `# ${hashOnLineBreak(r.head)}:\n` : `# ${hashOnLineBreak(r.head)}\n`;
    for (const o of r.other) s += `# * ${hashOnLineBreak(o)}\n`;
    s += '#\n';
  }
  return s;
}

function hashOnLineBreak(s: string): string {
  let r = '';
  for (let i = 0; i < s.length; i++) r += s[i] === '\n' && i + 1 < s.length && s[i + 1] !== '#' ? '\n# ' : s[i];
  return r;
}

/**
 * cmdutil.StripComments: the YAML as JSON (comments and layout do not count), or, when it does
 * not parse, the text without its comment lines (ManualStrip).
 */
function stripComments(text: string): string {
  try {
    const doc = parseDocument(text);
    if (doc.errors.length === 0) return canonical(doc.toJS({ maxAliasCount: 100 }));
  } catch {
    // (too many aliases, or not YAML at all: compare the text)
  }
  return manualStrip(text);
}

function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o).sort().map((k) => `${JSON.stringify(k)}:${canonical(o[k])}`).join(',')}}`;
  }
  return JSON.stringify(v) ?? 'null';
}

/** cmdutil.ManualStrip: drops the lines whose first non-blank character is `#`. */
function manualStrip(text: string): string {
  return text
    .split('\n')
    .filter((l) => !l.trimStart().startsWith('#'))
    .join('\n');
}

function hasLines(text: string): boolean {
  return text.split('\n').some((l) => {
    const t = l.trim();
    return t.length > 0 && t[0] !== '#';
  });
}

/** os.CreateTemp("", "kubectl-edit-*.yaml"): a random number in the name; here a hash of the text, so reruns agree. */
function tempName(seed: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < seed.length; i++) h = Math.imul(h ^ seed.charCodeAt(i), 0x01000193) >>> 0;
  return `/tmp/kubectl-edit-${h}.yaml`;
}

function* runEdit(c: CommandContext) {
  const f = c.flags;
  const filenames = list(f, 'filename');
  if (c.args.length === 0 && filenames.length === 0) {
    throw noResourcesGiven();
  }
  const built = buildInfos(c, { args: c.args, selector: str(f, 'selector'), allNamespaces: bool(f, 'all-namespaces'), filenames, allowEmptySelector: true });
  if (built.errors.length > 0) throw new KubectlError(built.errors.join(''));
  if (built.infos.length === 0) return 0;
  const editor = c.host.editor?.();
  if (!editor || !c.host.replaceObject) throw plainError('unable to launch the editor "vi"');
  yield* [];

  const infos = built.infos;
  const objects = infos.map((i) => forOutput(i.object));
  const shown = objects.length === 1 ? objects[0] : { apiVersion: 'v1', items: objects, kind: 'List', metadata: {} };
  const body = toYaml(shown);
  const file = tempName(`${c.host.now()}\n${body}`);
  const keep = (text: string) => {
    try {
      c.io.fs?.write(file, text);
    } catch {
      // (a read-only or missing /tmp: the message below still names the file kubectl would use)
    }
    err(c, `A copy of your changes has been stored to "${file}"\n`);
  };

  let reasons: Reason[] = [];
  let containsError = false;
  let original = '';
  let edited = '';
  for (;;) {
    let buf = header(reasons);
    if (!containsError) {
      buf += body;
      original = buf;
    } else buf += manualStrip(edited);
    const before = edited;
    const next = editor.next();
    if (next === undefined) {
      editor.open({ file, buffer: buf });
      return 0;
    }
    edited = next;
    if (containsError && stripComments(before) === stripComments(edited)) {
      keep(edited);
      throw plainError('Edit cancelled, no valid changes were saved.');
    }
    if (stripComments(original) === stripComments(edited)) {
      err(c, 'Edit cancelled, no changes made.\n');
      return 0;
    }
    if (!hasLines(edited)) {
      err(c, 'Edit cancelled, saved file was empty.\n');
      return 0;
    }
    const dec = decode(edited, { fileName: 'edited-file' });
    const syntax = dec.diagnostics.find((d) => d.severity === 'error' && d.source === 'yaml');
    if (syntax) {
      containsError = true;
      reasons = [{ head: `The edited file had a syntax error: ${syntax.message.replace(/^error: /, '')}`, other: [] }];
      continue;
    }
    containsError = false;
    reasons = [];
    const updated: K8sObject[] = dec.documents.flatMap((d) => (d.object.kind === 'List' && Array.isArray((d.object as { items?: unknown }).items) ? ((d.object as unknown as { items: K8sObject[] }).items) : [d.object]));
    const invalid: string[] = [];
    let retryable = 0;
    for (const u of updated) {
      const i = objects.findIndex((o) => o.metadata.uid === u.metadata?.uid);
      if (i < 0) {
        keep(edited);
        throw plainError(`no original object found for ${u.kind ?? 'object'} "${u.metadata?.name ?? ''}"`); // wording not verified (Go prints the object with %#v)
      }
      const orig = objects[i];
      const info = infos[i];
      const prefix = kindPrefix(info.resource);
      if (JSON.stringify(orig) === JSON.stringify(u)) {
        out(c, `${prefix}/${orig.metadata.name} skipped\n`);
        continue;
      }
      if (u.apiVersion !== orig.apiVersion || u.kind !== orig.kind || u.metadata?.name !== orig.metadata.name) {
        keep(edited);
        throw plainError('At least one of apiVersion, kind and name was changed');
      }
      // fields the API server's schema does not have: the strict field validation refuses the update
      const schemaErr = dec.diagnostics.find((d) => d.severity === 'error' && d.source === 'schema');
      const r = schemaErr ? { ok: false, stdout: [], stderr: [schemaErr.message], causes: undefined } : c.host.replaceObject(u);
      if (r.ok) {
        out(c, `${prefix}/${orig.metadata.name} edited\n`);
        continue;
      }
      const rs = qualifiedResource(info.resource);
      if (r.causes?.length) {
        invalid.push(`${rs} "${orig.metadata.name}" was not valid`);
        reasons.push({ head: `${rs} "${orig.metadata.name}" was not valid`, other: r.causes.map((x) => x.text) });
        err(c, `error: ${rs} "${orig.metadata.name}" is invalid\n`);
      } else {
        retryable++;
        const m = r.stderr.join('\n').replace(/^Error from server \([A-Za-z]+\): /, '').replace(/^.* cannot be handled as a \w+: /, '');
        err(c, `error: ${rs} "${orig.metadata.name}" could not be patched: ${m}\n`); // wording not verified for every server error
      }
    }
    if (retryable > 0) {
      c.io.fs?.write(file, edited);
      err(c, `You can run \`kubectl replace -f ${file}\` to try this update again.\n`);
      return 1;
    }
    if (invalid.length === 0) return 0;
    containsError = true;
  }
}

export const editCommand: Command = {
  name: 'edit',
  short: 'Edit a resource on the server',
  use: 'edit (RESOURCE/NAME | -f FILENAME)',
  flags: [
    OUTPUT_FLAG,
    FILENAME_FLAG,
    SELECTOR_FLAG,
    { name: 'all-namespaces', shorthand: 'A', type: 'bool' },
    { name: 'recursive', shorthand: 'R', type: 'bool' },
    { name: 'windows-line-endings', type: 'bool' },
    { name: 'save-config', type: 'bool' },
    { name: 'validate', type: 'string', noOptDefVal: 'strict' },
    { name: 'field-manager', type: 'string' },
    { name: 'subresource', type: 'string' },
    { name: 'show-managed-fields', type: 'bool' },
    { name: 'output-patch', type: 'bool' },
  ],
  run: runEdit,
};
