/**
 * Which BusyBox a binary is: its version and build stamp, as the image's `/bin/busybox` names it
 * (`busybox@1.28.4`, or `busybox@1.35.0+2022-12-22T19:34:12`: version, then the image's build
 * time in UTC). BusyBox prints both in the banner of `busybox` and of every applet's usage text
 * (appletlib.c bb_show_usage: `bb_banner` = `BusyBox v` BB_VER ` (` BB_BT `)`, then
 * ` multi-call binary.`).
 *
 * BB_BT is the time the binary was compiled. docker-library/busybox compiles it in its builder
 * and commits the tarball, then builds the image from it, so the stamp comes before the image's
 * `ADD` step. Only stamps quoted from the images themselves are in BUSYBOX_STAMPS; for the
 * others the image's build time from its repo-info snapshot stands in.
 */
import type { ProcessContext } from '../types';

export interface BusyBoxBuild {
  version: string;
  /** `YYYY-MM-DD HH:MM:SS UTC`. */
  stamp: string;
}

/**
 * Stamps read from the images' own output. busybox:1.28 (1.28.4, the Kubernetes DNS-debugging
 * page's image): `BusyBox v1.28.4 (2018-05-22 17:00:17 UTC) multi-call binary.` as
 * `docker run busybox:1.28 busybox | head -n 1` prints it (quoted in blog posts; the image's ADD
 * step is 2018-05-23 21:19:30).
 */
const BUSYBOX_STAMPS: Record<string, string> = {
  '1.28.4': '2018-05-22 17:00:17 UTC',
};

/**
 * The stamp busybox:latest (1.35.0) printed before this change, kept for images that name no
 * build time (Alpine's BusyBox 1.35.0). // unverified: a 1.35.0 stamp quoted in an `adduser`
 * transcript whose image is not named.
 */
const DEFAULT_STAMP = '2022-11-19 10:13:10 UTC';

export const DEFAULT_BUSYBOX: BusyBoxBuild = { version: '1.35.0', stamp: DEFAULT_STAMP };

/** The program name of a `/bin/busybox` of this version, built (image build time, UTC) at `built`. */
export function busyboxExe(version: string, built?: string): string {
  return built ? `busybox@${version}+${built}` : `busybox@${version}`;
}

/** Parse the part after `busybox@` (see busyboxExe). */
export function busyboxBuild(spec: string | undefined): BusyBoxBuild {
  if (!spec) return DEFAULT_BUSYBOX;
  const [version, built] = spec.split('+');
  const known = BUSYBOX_STAMPS[version];
  if (known) return { version, stamp: known };
  // unverified: the binary's own stamp was not found; the image's build time stands in.
  if (built) return { version, stamp: `${built.length === 10 ? `${built} 00:00:00` : built.replace('T', ' ')} UTC` };
  return { version, stamp: DEFAULT_STAMP };
}

/** `BusyBox v1.28.4 (2018-05-22 17:00:17 UTC) multi-call binary.`, for the binary running this applet. */
export function bbBanner(ctx: ProcessContext): string {
  const b = ctx.busybox ?? DEFAULT_BUSYBOX;
  return `BusyBox v${b.version} (${b.stamp}) multi-call binary.`;
}

/** Major.minor of a BusyBox version as a number to compare: 1.28.4 → 128. */
export function busyboxRelease(version: string): number {
  const [a, b] = version.split('.').map(Number);
  return (a || 0) * 100 + (b || 0);
}
