/** cmdutil.GetDryRunStrategy: none / client / server, `--dry-run` alone meaning client. */
import { plainError } from '../errors';

export type DryRun = 'none' | 'client' | 'server';

export function parseDryRun(v: string): DryRun {
  switch (v) {
    case '':
    case 'none':
    case 'false':
      return 'none';
    case 'client':
    case 'unchanged':
    case 'true':
      return 'client';
    case 'server':
      return 'server';
    default:
      throw plainError(`Invalid dry-run value (${v}). Must be "none", "server", or "client".`);
  }
}
