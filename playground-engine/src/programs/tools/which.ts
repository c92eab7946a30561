/**
 * `which`. On CentOS 7, GNU which 2.20 (the login shell's alias pipes `alias` into
 * `/usr/bin/which --tty-only --read-alias --show-dot --show-tilde`, so an alias is shown with
 * what its command resolves to); `--tty-only` drops the options after it when stdout is not a
 * terminal. Elsewhere debianutils' and BusyBox's `which`: the paths found, nothing for a miss,
 * exit 1.
 */
import type { ProcessContext, Program } from '../types';
import type { Flavor } from './common';

function executable(ctx: ProcessContext, path: string): boolean {
  const st = ctx.fs.stat?.(path);
  return !!st && st.type !== 'dir' && (st.mode & 0o111) !== 0;
}

/** Where `name` is found on PATH (every match with `all`). */
function search(ctx: ProcessContext, name: string, all: boolean): string[] {
  if (name.includes('/')) return executable(ctx, name.startsWith('/') ? name : `${ctx.cwd.replace(/\/$/, '')}/${name}`) ? [name] : [];
  const found: string[] = [];
  for (const dir of (ctx.env.get('PATH') ?? '').split(':')) {
    const d = dir === '' ? '.' : dir;
    const p = `${d.replace(/\/$/, '')}/${name}`;
    if (executable(ctx, d === '.' ? `${ctx.cwd.replace(/\/$/, '')}/${name}` : p)) {
      found.push(p);
      if (!all) break;
    }
  }
  return found;
}

export function which(flavor: Flavor): Program {
  return function* (ctx) {
    const gnu = flavor === 'gnu' && ctx.sys?.os.id === 'centos';
    let args = ctx.argv.slice(1);
    if (!gnu) {
      const all = args[0] === '-a';
      if (all) args = args.slice(1);
      let status = args.length ? 0 : 1;
      for (const n of args) {
        const hits = search(ctx, n, all);
        for (const h of hits) ctx.write('stdout', `${h}\n`);
        if (!hits.length) status = 1;
      }
      return status;
    }
    const o = { readAlias: false, showDot: false, showTilde: false, all: false, skipAlias: false };
    const names: string[] = [];
    let ttyOnly = false;
    let ignoring = false;
    for (let i = 0; i < args.length; i++) {
      const a = args[i];
      if (a === '--') {
        names.push(...args.slice(i + 1));
        break;
      }
      if (!a.startsWith('-') || a === '-') {
        names.push(a);
        continue;
      }
      if (a === '--tty-only') {
        ttyOnly = true;
        if (!ctx.tty) ignoring = true;
        continue;
      }
      if (ignoring) continue;
      if (a === '--read-alias' || a === '-i') o.readAlias = true;
      else if (a === '--skip-alias') o.skipAlias = true;
      else if (a === '--show-dot') o.showDot = true;
      else if (a === '--show-tilde') o.showTilde = true;
      else if (a === '--all' || a === '-a') o.all = true;
      else if (a === '--version' || a === '-v' || a === '-V') {
        ctx.write('stdout', 'GNU which v2.20, Copyright (C) 1999 - 2008 Carlo Wood.\nGNU which comes with ABSOLUTELY NO WARRANTY;\nThis program is free software; your freedom to use, change\nand distribute this program is protected by the GPL.\n');
        return 0;
      } else {
        ctx.write('stderr', `${ctx.argv[0]}: unrecognized option '${a}'\n`);
        return 1;
      }
    }
    void ttyOnly;
    if (!names.length) {
      ctx.write('stderr', `Usage: ${ctx.argv[0]} [options] [--] COMMAND [...]\n`);
      return 1;
    }
    const aliases = new Map<string, string>();
    if (o.readAlias && !o.skipAlias) {
      for (const line of ctx.stdin.split('\n')) {
        const m = /^alias ([^=]+)='(.*)'$/.exec(line);
        if (m) aliases.set(m[1], line);
      }
    }
    const home = ctx.env.get('HOME') ?? '';
    const show = (p: string) => (o.showTilde && home && home !== '/' && p.startsWith(`${home}/`) ? `~${p.slice(home.length)}` : p);
    let status = 0;
    for (const n of names) {
      const alias = aliases.get(n);
      let target = n;
      let indent = '';
      if (alias) {
        ctx.write('stdout', `${alias}\n`);
        const value = alias.slice(alias.indexOf('=') + 2, -1);
        target = value.trim().split(/\s+/)[0] ?? n;
        indent = '\t';
      }
      const hits = search(ctx, target, o.all);
      for (const h of hits) ctx.write('stdout', `${indent}${show(h)}\n`);
      if (!hits.length) {
        ctx.write('stderr', `${ctx.argv[0]}: no ${target} in (${ctx.env.get('PATH') ?? ''})\n`);
        status = 1;
      }
    }
    return status;
  };
}
