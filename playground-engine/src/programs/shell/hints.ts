/**
 * The simulator's hint for a command the reader's login shell did not find: bash still prints
 * its own `-bash: foo: command not found` (exit 127); this note, shown apart from the output
 * (the page's hint line, `hint:` in `k8s-sim`), says that the simulated machine lacks the
 * command and names the closest ones it has (edit distance over the executables on its PATH
 * and the shell's builtins).
 */
import type { FileSystem } from '../types';
import { BUILTINS } from './builtins';

export interface CommandNotice {
  kind: 'command-not-found';
  command: string;
  /** One line for the page and the CLI. */
  message: string;
  /** The closest commands the machine has, best first. */
  closest: string[];
}

/** Commands the machine has: executables in the PATH directories, and the shell builtins. */
export function commandTable(fs: FileSystem, path: string): string[] {
  const names = new Set<string>(Object.keys(BUILTINS));
  for (const dir of path.split(':')) {
    if (!dir) continue;
    for (const n of fs.list(dir) ?? []) names.add(n);
  }
  return [...names].sort();
}

/** Edit distance counting a swap of two neighbours as one edit (`grpe` is one from `grep`). */
export function typoDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

/**
 * The closest names, best first, at most 5: one edit away for names of up to 4 letters, two
 * for longer ones (a name that starts with what was typed counts one closer).
 */
export function closestCommands(name: string, table: readonly string[]): string[] {
  if (name.length > 64) return [];
  const max = name.length <= 2 ? 0 : name.length <= 4 ? 1 : 2;
  return table
    .map((t, i) => ({ t, i, d: typoDistance(name, t) - (name.length >= 3 && t.startsWith(name) ? 1 : 0) }))
    .filter((x) => x.t !== name && x.d <= max)
    .sort((a, b) => a.d - b.d || a.i - b.i)
    .slice(0, 5)
    .map((x) => x.t);
}

/** Notices for each `-bash: NAME: command not found` line a login shell printed. */
export function commandNotices(stderr: string, fs: FileSystem, path: string, machine: string): CommandNotice[] {
  const out: CommandNotice[] = [];
  if (!stderr.includes(': command not found')) return out;
  let table: string[] | undefined;
  for (const m of stderr.matchAll(/^-bash: ([^\s/:]+): command not found$/gm)) {
    const command = m[1];
    if (out.some((n) => n.command === command)) continue;
    table ??= commandTable(fs, path);
    const closest = closestCommands(command, table);
    out.push({
      kind: 'command-not-found',
      command,
      message: `This simulated cluster has no command "${command}" on ${machine} (a real machine may have it installed)${closest.length ? `; close commands it has: ${closest.join(', ')}` : ''}`,
      closest,
    });
  }
  return out;
}
