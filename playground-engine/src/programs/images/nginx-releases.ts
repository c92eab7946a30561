/**
 * The Debian `nginx:<x.y.z>` tags of 1.14–1.23 that Docker Hub served, one row per release:
 * `[version, NJS_VERSION, PKG_RELEASE, amd64 compressed size, build date]`.
 *
 * Read from docker-library/repo-info `repos/nginx/remote/<version>.md` (the amd64 entry: its
 * `ENV` lines, "Total Size" and the date of the `ENV NGINX_VERSION` step), as stored by the
 * repository's forks that keep its history; the comment after each row names the fork and
 * the commit of the snapshot (h = hiramtibbit/repo-info, d = deepsinha75/repo-info,
 * m = maxmood96/repo-info, t = thomascherickal/docker-image-repo-info). The listing of a
 * fork's current tree says "does not exist" for tags that were removed later: the rows' commits
 * are older versions of the file (find_files with the path lists them). A snapshot is one build of the tag: official images are rebuilt
 * on base-image updates, so a later build of the same tag has the same ENV and a slightly
 * different size (1.20.1 and 1.21.3 were read from buster builds of July and October 2021).
 *
 * What follows from the version (checked on the rows' snapshots):
 * - up to 1.15.12 the Dockerfile sets `NGINX_VERSION=<v>-1~stretch` and
 *   `NJS_VERSION=<v>.<njs>-1~stretch` and no PKG_RELEASE; from 1.16.0/1.17.0 it sets
 *   `NGINX_VERSION=<v>`, `NJS_VERSION=<njs>`, `PKG_RELEASE=1~<debian>`;
 * - curl is installed from 1.18.0 (1.17.10 has none);
 * - `ENTRYPOINT ["/docker-entrypoint.sh"]` from 1.19.0, with 10-listen-on-ipv6-by-default.sh and
 *   20-envsubst-on-templates.sh; 30-tune-worker-processes.sh is there from 1.19.7 (1.19.6 has
 *   two scripts; 1.19.7 and 1.19.8 copy the same third file, c7f3907578be…);
 * - `STOPSIGNAL SIGQUIT` from 1.19.5 (1.19.0–1.19.4 keep SIGTERM).
 *
 * Left out because no stored snapshot has the image (the registry answers "not found" for
 * them here, which is wrong for the real registry): 1.17.5 (its ENV, NJS_VERSION=0.3.6 and
 * PKG_RELEASE=1~buster, is quoted in public `docker history` output, but no snapshot keeps its
 * compressed size; deepsinha75 keeps only the "does not exist" version of the file) and 1.21.2
 * (no snapshot and no quoted config found). 1.16.1, 1.21.6, 1.22.1, 1.23.2 and 1.23.4 stay as catalog.ts had them.
 */
export type NginxRelease = [
  version: string,
  njs: string,
  pkg: string,
  size: number,
  built: string,
];

export const NGINX_RELEASES: NginxRelease[] = [
  ["1.14.0", "0.2.0", "1~stretch", 44607924, "2018-06-26"], // h 08fb65e35a0f
  ["1.14.1", "0.2.5", "1~stretch", 44675871, "2018-11-07"], // h 045003dc8409
  ["1.14.2", "0.2.6", "1~stretch", 44705866, "2019-01-22"], // h 1df372080235
  ["1.15.0", "0.2.1", "1~stretch", 44619996, "2018-06-26"], // h a106dc7980a2
  ["1.15.1", "0.2.2", "1~stretch", 44622192, "2018-07-17"], // h 5814481146b2
  ["1.15.2", "0.2.2", "1~stretch", 44623841, "2018-07-24"], // h 64919f4734ce
  ["1.15.3", "0.2.3", "1~stretch", 44669995, "2018-09-05"], // h 6e6f1ae4f82f
  ["1.15.4", "0.2.4", "1~stretch", 44669805, "2018-09-25"], // h 3fa4ff3b288c
  ["1.15.5", "0.2.4", "1~stretch", 44669949, "2018-10-02"], // h 154b78c6b3c9
  ["1.15.6", "0.2.5", "1~stretch", 44690253, "2018-11-07"], // h 045003dc8409
  ["1.15.7", "0.2.6", "1~stretch", 44691654, "2018-11-27"], // h 064dbdd02106
  ["1.15.8", "0.2.7", "1~stretch", 44730705, "2019-01-22"], // h 1df372080235
  ["1.15.9", "0.2.8", "1~stretch", 44762587, "2019-02-27"], // h 0105865811d3
  ["1.15.10", "0.3.0", "1~stretch", 44774124, "2019-03-26"], // h 2b4ca932a323
  ["1.15.11", "0.3.0", "1~stretch", 44774053, "2019-04-10"], // h f613c4a23e4d
  ["1.15.12", "0.3.1", "1~stretch", 44793608, "2019-04-16"], // h 06ded8e0523d
  ["1.16.0", "0.3.1", "1~stretch", 44786942, "2019-06-11"], // h 135121d865a0
  ["1.17.0", "0.3.2", "1~stretch", 44769264, "2019-06-11"], // h 135121d865a0
  ["1.17.1", "0.3.3", "1~stretch", 44793444, "2019-07-17"], // d 0ec204e852bd
  ["1.17.2", "0.3.3", "1~buster", 50633761, "2019-07-23"], // d 01614391b95b
  ["1.17.3", "0.3.5", "1~buster", 50665667, "2019-09-12"], // d 13fa10de24ba
  ["1.17.4", "0.3.5", "1~buster", 50666588, "2019-09-24"], // d 0e218360da42
  ["1.17.6", "0.3.7", "1~buster", 50833922, "2019-11-23"], // d 0accaedf402a
  ["1.17.7", "0.3.7", "1~buster", 50833808, "2020-01-09"], // m 6aa466742519
  ["1.17.8", "0.3.8", "1~buster", 50974713, "2020-02-02"], // m 2112562424e9
  ["1.17.9", "0.3.9", "1~buster", 51013455, "2020-03-31"], // m 520d4c271797
  ["1.17.10", "0.3.9", "1~buster", 51021074, "2020-04-23"], // m 2546b564fc26
  ["1.18.0", "0.4.0", "1~buster", 53300761, "2020-04-24"], // m 0c712dde43ab
  ["1.19.0", "0.4.1", "1~buster", 53312641, "2020-06-09"], // m 9292bc402a4a
  ["1.19.1", "0.4.2", "1~buster", 53436877, "2020-07-22"], // m 1228bcf8c4b7
  ["1.19.2", "0.4.3", "1~buster", 53495661, "2020-08-14"], // m 4ecf5848b9a3
  ["1.19.3", "0.4.4", "1~buster", 53583204, "2020-10-13"], // m 0d345c318a67
  ["1.19.4", "0.4.4", "1~buster", 53586521, "2020-11-05"], // m 55477ce5b9c9
  ["1.19.5", "0.4.4", "1~buster", 53601000, "2020-11-25"], // m 80e610f69094
  ["1.19.6", "0.5.0", "1~buster", 53601605, "2020-12-15"], // m 55091aed409a
  ["1.19.7", "0.5.1", "1~buster", 53665088, "2021-02-17"], // t f4751fa23481
  ["1.19.8", "0.5.2", "1~buster", 53681790, "2021-03-12"], // m 13f83013a2bc
  ["1.19.9", "0.5.3", "1~buster", 53681181, "2021-03-30"], // m 3dbb6edfed38
  ["1.19.10", "0.5.3", "1~buster", 53725780, "2021-05-12"], // m 351f5c888bd5
  ["1.20.0", "0.5.3", "1~buster", 53726629, "2021-05-12"], // m 351f5c888bd5
  ["1.20.1", "0.5.3", "1~buster", 53727742, "2021-07-22"], // m 1e087f17255d
  ["1.20.2", "0.7.0", "1~bullseye", 56716959, "2022-03-29"], // m 0e29d1ca2cfd
  ["1.21.0", "0.5.3", "1~buster", 53729617, "2021-05-25"], // m 8cbbeff89722
  ["1.21.1", "0.6.1", "1~buster", 53745921, "2021-07-22"], // m 1e087f17255d
  ["1.21.3", "0.6.2", "1~buster", 53781605, "2021-10-12"], // m 6f6ca0c4f395
  ["1.21.4", "0.7.0", "1~bullseye", 56707864, "2021-12-21"], // m 0e47c0375266
  ["1.21.5", "0.7.1", "1~bullseye", 56711188, "2021-12-29"], // m 2a2822bdea61
  ["1.22.0", "0.7.5", "1~bullseye", 56721585, "2022-07-12"], // m 0ddbda1e6776
  ["1.23.0", "0.7.5", "1~bullseye", 56724377, "2022-07-12"], // m 0ddbda1e6776
  ["1.23.1", "0.7.6", "1~bullseye", 56757119, "2022-09-13"], // m 1c68b5c30cd4
];

/**
 * `-alpine`, `-perl` and `-alpine-perl` variants of the patch tags, one row per tag:
 * `[tag, version, NJS_VERSION, PKG_RELEASE, amd64 compressed size, build date]`, read as the
 * rows above from `repos/nginx/remote/<tag>.md` (the fork and commit after each row). The build
 * date is the day of the image's last steps (a rebuild keeps older cached ENV steps).
 *
 * - `-perl` has the Debian image's config (ENV, ENTRYPOINT, CMD, STOPSIGNAL) and adds
 *   nginx-module-perl to the packages;
 * - `-alpine` (PKG_RELEASE=1, packages from nginx.org/packages/…/alpine) is here only for the
 *   releases built on Alpine 3.16, the Alpine the simulated images carry; older Alpine bases
 *   (3.10–3.15) would need their own tree, compiler and libraries.
 */
export type NginxVariant = [tag: string, version: string, njs: string, pkg: string, size: number, built: string];

export const NGINX_VARIANTS: NginxVariant[] = [
  ["1.21.5-perl", "1.21.5", "0.7.1", "1~bullseye", 67887328, "2021-12-29"], // m 2a2822bdea61
  ["1.22.0-perl", "1.22.0", "0.7.4", "1~bullseye", 67902151, "2022-05-28"], // m 130bb4496f8a
  ["1.22.0-alpine", "1.22.0", "0.7.5", "1", 10177110, "2022-06-22"], // m 942c6f1c5ff2 (Alpine 3.16.0)
  ["1.23.0-alpine", "1.23.0", "0.7.5", "1", 10178634, "2022-06-22"], // m 2d75d9564dc7 (Alpine 3.16.0)
  ["1.23.1-alpine", "1.23.1", "0.7.6", "1", 10204214, "2022-10-06"], // m 14e471b8e7a7 (Alpine 3.16.2)
  ["1.23.1-alpine-perl", "1.23.1", "0.7.6", "1", 19174065, "2022-10-06"], // m 14e471b8e7a7 (Alpine 3.16.2)
  ["1.23.1-perl", "1.23.1", "0.7.6", "1~bullseye", 67914262, "2022-08-02"], // m 783130c64484
];

/**
 * The minor-version tags of old series (still on Docker Hub in December 2022) and the
 * release each last pointed at. Newer series' floating tags are in catalog.ts.
 */
export const NGINX_SERIES_TAGS: Array<[tag: string, version: string]> = [
  ["1.14", "1.14.2"],
  ["1.15", "1.15.12"],
  ["1.17", "1.17.10"],
  ["1.18", "1.18.0"],
  ["1.19", "1.19.10"],
  ["1.20", "1.20.2"],
];
