/**
 * What `nginx -V` prints for the official images' nginx: the packages of nginx.org
 * (pkg-oss) built on the image's base, so the compiler, the OpenSSL headers and the configure
 * line follow the base and the release; "running with" names the libssl the image carries when
 * it differs from the one the package was built against (nginx compares OPENSSL_VERSION_NUMBER
 * with SSLeay(), src/event/ngx_event_openssl.c, and prints `built with X (running with Y)`).
 *
 * Read from real `nginx -V` output of the images quoted in public material (find_string on the
 * indexed sources; the lines named below):
 * - stretch: `built by gcc 6.3.0 20170516 (Debian 6.3.0-18+deb9u1) ` with `OpenSSL 1.1.0f  25 May
 *   2017` (1.15.7) and `OpenSSL 1.1.0j  20 Nov 2018` (1.15.12, 1.16.0); the cc-opt carries
 *   `-specs=/usr/share/dpkg/no-pie-compile.specs` (and the ld-opt no-pie-link.specs) in the
 *   configure lines of 1.14.2 and 1.15.8 copied into build scripts (their base not shown; the
 *   debuild paths are nginx.org's Debian ones), not in 1.15.12 and 1.16.0 (stretch images);
 * - buster: `built by gcc 8.3.0 (Debian 8.3.0-6) `, `OpenSSL 1.1.1d  10 Sep 2019` (1.19.1,
 *   1.21.3), `-fdebug-prefix-map=/data/builder/debuild/nginx-<v>/…`;
 * - bullseye: `built by gcc 10.2.1 20210110 (Debian 10.2.1-6) `, `-ffile-prefix-map=…` (1.20.2,
 *   1.21.6, 1.22.0, 1.23.1, 1.23.4); `OpenSSL 1.1.1k  25 Mar 2021` for 1.20.2–1.22.0 packages
 *   (`(running with OpenSSL 1.1.1n  15 Mar 2022)` in images built after bullseye's 1.1.1n update),
 *   `OpenSSL 1.1.1n  15 Mar 2022` for 1.23.2 and 1.23.4;
 * - alpine 3.16: `built by gcc 11.2.1 20220219 (Alpine 11.2.1_git20220219) `, `OpenSSL 1.1.1o
 *   3 May 2022 (running with OpenSSL 1.1.1s  1 Nov 2022)` (1.22.1-alpine), the Alpine configure
 *   line with `--with-perl_modules_path=/usr/lib/perl5/vendor_perl` and
 *   `--with-cc-opt='-Os -fomit-frame-pointer -g' --with-ld-opt=-Wl,--as-needed,-O1,--sort-common`.
 */

/** The base an image's nginx was built on. */
export type NginxBase = 'stretch' | 'buster' | 'bullseye' | 'bookworm' | 'alpine3.16';

export interface NginxBuildInfo {
  gcc: string;
  openssl: string;
  configure: string;
}

/** `1.19.5` → 1019005. */
const rel = (v: string) => v.split('.').reduce((n, x) => n * 1000 + Number(x), 0);

const GCC: Record<NginxBase, string> = {
  stretch: 'built by gcc 6.3.0 20170516 (Debian 6.3.0-18+deb9u1) ',
  buster: 'built by gcc 8.3.0 (Debian 8.3.0-6) ',
  bullseye: 'built by gcc 10.2.1 20210110 (Debian 10.2.1-6) ',
  // unverified: no quoted `nginx -V` of a bookworm image was found; gcc-12 12.2.0-14 is bookworm's.
  bookworm: 'built by gcc 12.2.0 (Debian 12.2.0-14) ',
  'alpine3.16': 'built by gcc 11.2.1 20220219 (Alpine 11.2.1_git20220219) ',
};

/** The OpenSSL a package of release `v` was built against on `base`. */
function builtWith(base: NginxBase, v: string): string {
  const r = rel(v);
  switch (base) {
    case 'stretch':
      // 1.15.7 (November 2018) has 1.1.0f, 1.15.12 has 1.1.0j; 1.14.2 and 1.15.8–1.15.11 are
      // unverified (placed by release date: stretch's 1.1.0j came in December 2018).
      return r >= rel('1.15.8') ? 'OpenSSL 1.1.0j  20 Nov 2018' : 'OpenSSL 1.1.0f  25 May 2017';
    case 'buster':
      // unverified for 1.17.2–1.17.4 (built while buster still had 1.1.1c): no quoted output.
      return 'OpenSSL 1.1.1d  10 Sep 2019';
    case 'bullseye':
      // 1.23.1 is quoted both ways; the newer packages (1.23.2, 1.23.4) have 1.1.1n.
      return r >= rel('1.23.1') ? 'OpenSSL 1.1.1n  15 Mar 2022' : 'OpenSSL 1.1.1k  25 Mar 2021';
    case 'bookworm':
      return 'OpenSSL 3.0.11 19 Sep 2023'; // unverified
    case 'alpine3.16':
      return 'OpenSSL 1.1.1o  3 May 2022'; // verified for 1.22.1; unverified for 1.23.x
  }
}

/** The libssl an image of `base` built on `day` (YYYY-MM-DD) carries. */
function runningWith(base: NginxBase, day: string): string | undefined {
  if (base === 'bullseye') return day >= '2022-03-16' ? 'OpenSSL 1.1.1n  15 Mar 2022' : 'OpenSSL 1.1.1k  25 Mar 2021';
  if (base === 'alpine3.16') return day >= '2022-11-01' ? 'OpenSSL 1.1.1s  1 Nov 2022' : undefined; // unverified before November 2022
  return undefined;
}

const PATHS =
  '--prefix=/etc/nginx --sbin-path=/usr/sbin/nginx --modules-path=/usr/lib/nginx/modules --conf-path=/etc/nginx/nginx.conf --error-log-path=/var/log/nginx/error.log --http-log-path=/var/log/nginx/access.log --pid-path=/var/run/nginx.pid --lock-path=/var/run/nginx.lock --http-client-body-temp-path=/var/cache/nginx/client_temp --http-proxy-temp-path=/var/cache/nginx/proxy_temp --http-fastcgi-temp-path=/var/cache/nginx/fastcgi_temp --http-uwsgi-temp-path=/var/cache/nginx/uwsgi_temp --http-scgi-temp-path=/var/cache/nginx/scgi_temp';

function modules(v: string): string {
  const v3 = rel(v) >= rel('1.25.0') ? ' --with-http_v3_module' : ''; // unverified for 1.25 (seen in 1.27.3's line)
  return `--user=nginx --group=nginx --with-compat --with-file-aio --with-threads --with-http_addition_module --with-http_auth_request_module --with-http_dav_module --with-http_flv_module --with-http_gunzip_module --with-http_gzip_static_module --with-http_mp4_module --with-http_random_index_module --with-http_realip_module --with-http_secure_link_module --with-http_slice_module --with-http_ssl_module --with-http_stub_status_module --with-http_sub_module --with-http_v2_module${v3} --with-mail --with-mail_ssl_module --with-stream --with-stream_realip_module --with-stream_ssl_module --with-stream_ssl_preread_module`;
}

function configure(base: NginxBase, v: string): string {
  if (base === 'alpine3.16') return `${PATHS} --with-perl_modules_path=/usr/lib/perl5/vendor_perl ${modules(v)} --with-cc-opt='-Os -fomit-frame-pointer -g' --with-ld-opt=-Wl,--as-needed,-O1,--sort-common`;
  const map = base === 'bullseye' || base === 'bookworm' ? '-ffile-prefix-map' : '-fdebug-prefix-map';
  // The no-pie specs: seen in 1.14.2 and 1.15.8, gone in 1.15.12 (1.15.9–1.15.11 unverified).
  const noPie = base === 'stretch' && rel(v) < rel('1.15.9');
  const cc = `-g -O2 ${map}=/data/builder/debuild/nginx-${v}/debian/debuild-base/nginx-${v}=.${noPie ? ' -specs=/usr/share/dpkg/no-pie-compile.specs' : ''} -fstack-protector-strong -Wformat -Werror=format-security -Wp,-D_FORTIFY_SOURCE=2 -fPIC`;
  const ld = `${noPie ? '-specs=/usr/share/dpkg/no-pie-link.specs ' : ''}-Wl,-z,relro -Wl,-z,now -Wl,--as-needed -pie`;
  return `${PATHS} ${modules(v)} --with-cc-opt='${cc}' --with-ld-opt='${ld}'`;
}

/** The build of release `v` on `base`, in an image built on `day` (YYYY-MM-DD). */
export function nginxBuildInfo(base: NginxBase, v: string, day: string): NginxBuildInfo {
  const built = builtWith(base, v);
  const running = runningWith(base, day);
  return { gcc: GCC[base], openssl: `built with ${built}${running && running !== built ? ` (running with ${running})` : ''}`, configure: configure(base, v) };
}

/** The base an older program name (`nginx@1.23.2`, `nginx@1.23.2-alpine`) implies. */
export function defaultBase(v: string, alpine: boolean): NginxBase {
  if (alpine) return 'alpine3.16';
  const r = rel(v);
  if (r >= rel('1.25.0')) return 'bookworm';
  if (r >= rel('1.21.4') || r === rel('1.20.2')) return 'bullseye';
  if (r >= rel('1.17.2')) return 'buster';
  return 'stretch';
}
