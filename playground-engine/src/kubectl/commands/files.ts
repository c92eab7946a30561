/**
 * `-f FILE` as cli-runtime's FileVisitor reads it: a file, `-` for standard input (named
 * `STDIN` in messages), or a directory (its .json/.yaml/.yml files in name order; with -R also
 * subdirectories). A missing path is `error: the path "x" does not exist`.
 */
import type { K8sObject } from '../../types';
import { parseAllDocuments } from 'yaml';
import { plainError } from '../errors';
import type { CommandContext } from './context';

export interface SourceFile {
  /** The name kubectl uses in messages: the path as given, or STDIN. */
  name: string;
  text: string;
}

function resolvePath(cwd: string, p: string): string {
  const parts = (p.startsWith('/') ? p : `${cwd.replace(/\/$/, '')}/${p}`).split('/');
  const outParts: string[] = [];
  for (const part of parts) {
    if (part === '' || part === '.') continue;
    if (part === '..') outParts.pop();
    else outParts.push(part);
  }
  return `/${outParts.join('/')}`;
}

const EXTENSIONS = ['.json', '.yaml', '.yml'];

export function readSources(c: CommandContext, filenames: string[], recursive: boolean): SourceFile[] {
  const out: SourceFile[] = [];
  for (const f of filenames) {
    if (f === '-') {
      out.push({ name: 'STDIN', text: c.io.stdin });
      continue;
    }
    const fs = c.io.fs;
    const abs = resolvePath(c.io.cwd || '/', f);
    if (!fs || !fs.exists(abs)) throw plainError(`the path "${f}" does not exist`);
    if (fs.isDir(abs)) {
      const walk = (dir: string, shown: string, top: boolean): void => {
        for (const entry of fs.list(dir) ?? []) {
          const path = `${dir.replace(/\/$/, '')}/${entry}`;
          const showPath = `${shown.replace(/\/$/, '')}/${entry}`;
          if (fs.isDir(path)) {
            if (recursive || top === false) walk(path, showPath, false);
            continue;
          }
          if (!EXTENSIONS.some((e) => entry.endsWith(e))) continue;
          out.push({ name: showPath, text: fs.read(path) ?? '' });
        }
      };
      walk(abs, f, true);
      continue;
    }
    out.push({ name: f, text: fs.read(abs) ?? '' });
  }
  return out;
}

/** The objects in a source (kind, apiVersion, metadata) — enough to find them on the server. */
export function objectsIn(src: SourceFile): K8sObject[] {
  const objs: K8sObject[] = [];
  try {
    for (const doc of parseAllDocuments(src.text)) {
      const v = doc.toJS({ maxAliasCount: 100 }) as unknown;
      if (!v || typeof v !== 'object') continue;
      const o = v as Record<string, unknown>;
      if (o.kind === 'List' && Array.isArray(o.items)) {
        for (const item of o.items) if (item && typeof item === 'object') objs.push(item as K8sObject);
      } else objs.push(o as unknown as K8sObject);
    }
  } catch {
    return objs;
  }
  return objs.filter((o) => typeof o.kind === 'string' && o.metadata && typeof o.metadata === 'object');
}
