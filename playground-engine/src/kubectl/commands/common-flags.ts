/** Flag sets several commands share (names and shorthands as kubectl registers them). */
import type { FlagSpec } from '../flags';

/** kubectl's persistent (global) flags; the ones without effect here are accepted and ignored. */
export const GLOBAL_FLAGS: FlagSpec[] = [
  { name: 'namespace', shorthand: 'n', type: 'string' },
  { name: 'kubeconfig', type: 'string' },
  { name: 'context', type: 'string' },
  { name: 'cluster', type: 'string' },
  { name: 'user', type: 'string' },
  { name: 'server', shorthand: 's', type: 'string' },
  { name: 'request-timeout', type: 'string' },
  { name: 'insecure-skip-tls-verify', type: 'bool' },
  { name: 'as', type: 'string' },
  { name: 'as-group', type: 'stringArray' },
  { name: 'token', type: 'string' },
  { name: 'cache-dir', type: 'string' },
  { name: 'match-server-version', type: 'bool' },
  { name: 'warnings-as-errors', type: 'bool' },
  { name: 'v', shorthand: 'v', type: 'string' },
];

export const OUTPUT_FLAG: FlagSpec = { name: 'output', shorthand: 'o', type: 'string' };
export const FILENAME_FLAG: FlagSpec = { name: 'filename', shorthand: 'f', type: 'stringSlice' };
export const RECURSIVE_FLAG: FlagSpec = { name: 'recursive', shorthand: 'R', type: 'bool' };
export const SELECTOR_FLAG: FlagSpec = { name: 'selector', shorthand: 'l', type: 'string' };
export const ALL_NAMESPACES_FLAG: FlagSpec = { name: 'all-namespaces', shorthand: 'A', type: 'bool' };
export const DRY_RUN_FLAG: FlagSpec = { name: 'dry-run', type: 'string', noOptDefVal: 'unchanged' };
export const CONTAINER_FLAG: FlagSpec = { name: 'container', shorthand: 'c', type: 'string' };
/** exec's and attach's stream options (cmdutil: -i, -t, -q, --pod-running-timeout). */
export const STREAM_FLAGS: FlagSpec[] = [
  { name: 'stdin', shorthand: 'i', type: 'bool' },
  { name: 'tty', shorthand: 't', type: 'bool' },
  { name: 'quiet', shorthand: 'q', type: 'bool' },
  { name: 'pod-running-timeout', type: 'string' },
];
