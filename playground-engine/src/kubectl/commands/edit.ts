/**
 * `kubectl edit` (kubectl/pkg/cmd/edit, cmd/util/editor): kubectl reads the objects, writes them
 * to a temporary file and launches $KUBE_EDITOR, $EDITOR or `vi`. The simulated terminal has
 * no interactive editor, so after reading the objects the launch fails with editor.go's own
 * message for an editor that cannot be started (checked against kubectl v1.30 with no `vi`).
 * The page would need: open the live object's YAML in its editor, and on save apply it as
 * `kubectl edit` does (`pod/nginx edited`, or the API server's error).
 */
import { KubectlError, plainError } from '../errors';
import { bool, list, str } from '../flags';
import { buildInfos } from './builder';
import { FILENAME_FLAG, OUTPUT_FLAG, SELECTOR_FLAG } from './common-flags';
import { type Command, type CommandContext } from './context';

function* runEdit(c: CommandContext) {
  const f = c.flags;
  const filenames = list(f, 'filename');
  if (c.args.length === 0 && filenames.length === 0) {
    throw plainError("You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'");
  }
  const built = buildInfos(c, { args: c.args, selector: str(f, 'selector'), allNamespaces: bool(f, 'all-namespaces'), filenames, allowEmptySelector: true });
  if (built.errors.length > 0) throw new KubectlError(built.errors.join(''));
  if (built.infos.length === 0) return 0;
  throw plainError('unable to launch the editor "vi"');
  yield* [];
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
