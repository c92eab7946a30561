/**
 * BusyBox: one binary, many applets, chosen by the name it was called as (`/bin/sleep` is a
 * symlink to `/bin/busybox`), or by its first argument (`busybox sleep 1`).
 */
import type { Program } from '../types';
import { err } from './common';
import { bbBanner, busyboxRelease, type BusyBoxBuild } from './busybox-builds';

export function busyboxProgram(build: BusyBoxBuild, applets: (name: string) => Program | undefined): Program {
  return function* (ctx) {
    let argv = [...ctx.argv];
    let name = (argv[0] ?? '').slice((argv[0] ?? '').lastIndexOf('/') + 1);
    if (name === 'busybox') {
      argv = argv.slice(1);
      name = (argv[0] ?? '').slice((argv[0] ?? '').lastIndexOf('/') + 1);
      if (!name) {
        // `--show SCRIPT` came with embedded scripts in 1.30 (appletlib.c busybox_main).
        const show = busyboxRelease(build.version) >= 130 ? '   or: busybox --show SCRIPT\n' : '';
        ctx.write('stdout', `${bbBanner({ ...ctx, busybox: build })}\nBusyBox is copyrighted by many authors between 1998-2015.\nLicensed under GPLv2. See source distribution for detailed\ncopyright notices.\n\nUsage: busybox [function [arguments]...]\n   or: busybox --list[-full]\n${show}   or: busybox --install [-s] [DIR]\n   or: function [arguments]...\n`);
        return 0;
      }
    }
    const applet = applets(name);
    if (!applet) {
      err(ctx, `${name}: applet not found`);
      return 127;
    }
    const inner = { ...ctx, argv, busybox: build } as typeof ctx;
    Object.defineProperty(inner, 'cwd', { get: () => ctx.cwd, set: (v: string) => (ctx.cwd = v) });
    Object.defineProperty(inner, 'hostname', { get: () => ctx.hostname });
    return yield* applet(inner);
  };
}
