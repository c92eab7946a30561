/**
 * File trees of the base systems the images are built on: Debian (dash + GNU coreutils),
 * Alpine and busybox (BusyBox applets), distroless (nothing but what the image adds), and
 * the nginx layer (config, html, entrypoint). Built once per image and shared read-only by
 * every container of it.
 */
import { ImageTree, type FsNode } from '../../node/runtime/fs';
import { DEFAULT_CONF, NGINX_CONF } from '../servers/nginxconf';
import { GNU_TOOLS, BUSYBOX_APPLETS } from '../registry';
import { busyboxExe } from '../tools/busybox-builds';

/** Image build time: files carry it as mtime (virtual ms, before the scenario began). */
export type BuildTime = number;

function file(content: string, mtime: number, mode = 0o644, uid = 0, gid = 0): FsNode {
  return { kind: 'file', content, mode, mtime, uid, gid };
}

function exe(program: string, mtime: number, size = 0): FsNode {
  return { kind: 'file', content: '', mode: 0o755, mtime, uid: 0, gid: 0, program, size };
}

function dir(mtime: number, mode = 0o755): FsNode {
  return { kind: 'dir', mode, mtime, uid: 0, gid: 0 };
}

function link(target: string, mtime: number): FsNode {
  return { kind: 'symlink', target, mtime };
}

/** Directories and device files every Linux container has. */
function skeleton(t: ImageTree, m: number): void {
  for (const d of ['/bin', '/sbin', '/usr/bin', '/usr/sbin', '/usr/local/bin', '/usr/local/sbin', '/etc', '/home', '/root', '/var', '/var/log', '/run', '/srv', '/opt', '/mnt', '/media', '/proc', '/sys', '/dev']) t.add(d, dir(m));
  t.add('/tmp', dir(m, 0o1777));
  t.add('/root', dir(m, 0o700));
  t.add('/var/run', link('/run', m));
  t.add('/dev/null', { kind: 'file', content: '', mode: 0o666, mtime: m, uid: 0, gid: 0, device: 'null' });
  t.add('/dev/zero', { kind: 'file', content: '', mode: 0o666, mtime: m, uid: 0, gid: 0, device: 'zero' });
  t.add('/dev/stdout', { kind: 'file', content: '', mode: 0o666, mtime: m, uid: 0, gid: 0, device: 'stdout' });
  t.add('/dev/stderr', { kind: 'file', content: '', mode: 0o666, mtime: m, uid: 0, gid: 0, device: 'stderr' });
  t.add('/proc/net/if_inet6', file('00000000000000000000000000000001 01 80 10 80       lo\n', m));
}

/** Where the GNU tools live in Debian (/bin for the essential ones, /usr/bin for the rest). */
const DEBIAN_BIN = new Set(['cat', 'ls', 'touch', 'rm', 'mkdir', 'rmdir', 'cp', 'mv', 'chmod', 'ln', 'grep', 'egrep', 'sleep', 'hostname', 'date', 'uname', 'echo', 'true', 'false', 'pwd', 'tar']);
/** Not in Debian's slim images (procps, iputils are not installed). */
const NOT_IN_DEBIAN_SLIM = new Set(['ps', 'pkill', 'pgrep', 'killall', 'kill', 'watch', 'top', 'column', 'vi', 'vim', 'nano', 'less']);
/** Not on the notes' CentOS 7 minimal hosts (vim-minimal gives vi only). */
const NOT_ON_CENTOS_MINIMAL = new Set(['vim', 'nano']);

export function debianTree(m: number, release: 'bullseye' | 'bookworm' | 'buster' | 'stretch' | 'jammy' | 'focal' = 'bullseye'): ImageTree {
  const t = new ImageTree();
  skeleton(t, m);
  t.add('/bin/dash', exe('dash', m, 125560));
  t.add('/bin/sh', link('dash', m));
  t.add('/bin/bash', exe('bash', m, 1234376));
  for (const tool of GNU_TOOLS) {
    if (NOT_IN_DEBIAN_SLIM.has(tool)) continue;
    const dirName = DEBIAN_BIN.has(tool) ? '/bin' : '/usr/bin';
    t.add(`${dirName}/${tool}`, exe(`gnu/${tool}`, m, 43416));
  }
  const os =
    release === 'focal'
      ? 'NAME="Ubuntu"\nVERSION="20.04.5 LTS (Focal Fossa)"\nID=ubuntu\nID_LIKE=debian\nPRETTY_NAME="Ubuntu 20.04.5 LTS"\nVERSION_ID="20.04"\nHOME_URL="https://www.ubuntu.com/"\nSUPPORT_URL="https://help.ubuntu.com/"\nBUG_REPORT_URL="https://bugs.launchpad.net/ubuntu/"\nPRIVACY_POLICY_URL="https://www.ubuntu.com/legal/terms-and-policies/privacy-policy"\nVERSION_CODENAME=focal\nUBUNTU_CODENAME=focal\n'
      : release === 'buster'
        ? 'PRETTY_NAME="Debian GNU/Linux 10 (buster)"\nNAME="Debian GNU/Linux"\nVERSION_ID="10"\nVERSION="10 (buster)"\nVERSION_CODENAME=buster\nID=debian\nHOME_URL="https://www.debian.org/"\nSUPPORT_URL="https://www.debian.org/support"\nBUG_REPORT_URL="https://bugs.debian.org/"\n'
        : release === 'stretch'
          ? // unverified: Debian 9's /etc/os-release written from memory (same fields as buster's)
            'PRETTY_NAME="Debian GNU/Linux 9 (stretch)"\nNAME="Debian GNU/Linux"\nVERSION_ID="9"\nVERSION="9 (stretch)"\nVERSION_CODENAME=stretch\nID=debian\nHOME_URL="https://www.debian.org/"\nSUPPORT_URL="https://www.debian.org/support"\nBUG_REPORT_URL="https://bugs.debian.org/"\n'
        : release === 'jammy'
      ? 'PRETTY_NAME="Ubuntu 22.04.1 LTS"\nNAME="Ubuntu"\nVERSION_ID="22.04"\nVERSION="22.04.1 LTS (Jammy Jellyfish)"\nVERSION_CODENAME=jammy\nID=ubuntu\nID_LIKE=debian\nHOME_URL="https://www.ubuntu.com/"\nSUPPORT_URL="https://help.ubuntu.com/"\nBUG_REPORT_URL="https://bugs.launchpad.net/ubuntu/"\nPRIVACY_POLICY_URL="https://www.ubuntu.com/legal/terms-and-policies/privacy-policy"\nUBUNTU_CODENAME=jammy\n'
      : release === 'bookworm'
        ? 'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nNAME="Debian GNU/Linux"\nVERSION_ID="12"\nVERSION="12 (bookworm)"\nVERSION_CODENAME=bookworm\nID=debian\nHOME_URL="https://www.debian.org/"\nSUPPORT_URL="https://www.debian.org/support"\nBUG_REPORT_URL="https://bugs.debian.org/"\n'
        : 'PRETTY_NAME="Debian GNU/Linux 11 (bullseye)"\nNAME="Debian GNU/Linux"\nVERSION_ID="11"\nVERSION="11 (bullseye)"\nVERSION_CODENAME=bullseye\nID=debian\nHOME_URL="https://www.debian.org/"\nSUPPORT_URL="https://www.debian.org/support"\nBUG_REPORT_URL="https://bugs.debian.org/"\n';
  t.add('/etc/os-release', file(os, m));
  t.add('/etc/passwd', file('root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\nbin:x:2:2:bin:/bin:/usr/sbin/nologin\nsys:x:3:3:sys:/dev:/usr/sbin/nologin\nnobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\n', m));
  t.add('/etc/group', file('root:x:0:\ndaemon:x:1:\nbin:x:2:\nsys:x:3:\nadm:x:4:\nnogroup:x:65534:\n', m));
  return t;
}

/** `built`: the image's build time (UTC, `YYYY-MM-DD[THH:MM:SS]`), standing in for BusyBox's own build stamp where that is not known (busybox-builds.ts). */
export function busyboxTree(m: number, flavor: 'alpine' | 'busybox', version = '1.35.0', built?: string): ImageTree {
  const t = new ImageTree();
  skeleton(t, m);
  t.add('/bin/busybox', exe(busyboxExe(version, built), m, flavor === 'alpine' ? 824904 : 1131168));
  const usrBin = new Set(['env', 'printenv', 'head', 'tail', 'wc', 'sort', 'cut', 'tee', 'seq', 'basename', 'dirname', 'id', 'whoami', 'test', '[', 'printf', 'wget', 'nslookup', 'pkill', 'pgrep', 'killall']);
  for (const a of BUSYBOX_APPLETS) {
    const d = flavor === 'alpine' && usrBin.has(a) ? '/usr/bin' : '/bin';
    t.add(`${d}/${a}`, link('/bin/busybox', m));
  }
  if (flavor === 'alpine') {
    t.add('/etc/os-release', file('NAME="Alpine Linux"\nID=alpine\nVERSION_ID=3.16.3\nPRETTY_NAME="Alpine Linux v3.16"\nHOME_URL="https://alpinelinux.org/"\nBUG_REPORT_URL="https://gitlab.alpinelinux.org/alpine/aports/-/issues"\n', m));
    t.add('/etc/passwd', file('root:x:0:0:root:/root:/bin/ash\nbin:x:1:1:bin:/bin:/sbin/nologin\ndaemon:x:2:2:daemon:/sbin:/sbin/nologin\nnobody:x:65534:65534:nobody:/:/sbin/nologin\n', m));
    t.add('/etc/group', file('root:x:0:root\nbin:x:1:root,bin,daemon\ndaemon:x:2:root,bin,daemon\nnogroup:x:65533:\nnobody:x:65534:\n', m));
  } else {
    t.add('/etc/passwd', file('root:x:0:0:root:/root:/bin/sh\ndaemon:x:1:1:daemon:/usr/sbin:/bin/false\nbin:x:2:2:bin:/bin:/bin/false\nsys:x:3:3:sys:/dev:/bin/false\nsync:x:4:100:sync:/bin:/bin/sync\nmail:x:8:8:mail:/var/spool/mail:/bin/false\nwww-data:x:33:33:www-data:/var/www:/bin/false\noperator:x:37:37:Operator:/var:/bin/false\nnobody:x:65534:65534:nobody:/home:/bin/false\n', m));
    t.add('/etc/group', file('root:x:0:\ndaemon:x:1:\nbin:x:2:\nsys:x:3:\nadm:x:4:\nnogroup:x:65534:\n', m));
  }
  return t;
}

export function distrolessTree(m: number): ImageTree {
  const t = new ImageTree();
  for (const d of ['/bin', '/usr/local/bin', '/etc', '/tmp', '/dev', '/proc', '/var', '/root']) t.add(d, dir(m));
  t.add('/dev/null', { kind: 'file', content: '', mode: 0o666, mtime: m, uid: 0, gid: 0, device: 'null' });
  t.add('/etc/passwd', file('root:x:0:0:root:/root:/sbin/nologin\nnobody:x:65534:65534:nobody:/nonexistent:/sbin/nologin\nnonroot:x:65532:65532:nonroot:/home/nonroot:/sbin/nologin\n', m));
  t.add('/etc/os-release', file('PRETTY_NAME="Distroless"\nNAME="Debian GNU/Linux"\nID="debian"\nVERSION_ID="11"\nVERSION="Debian GNU/Linux 11 (bullseye)"\nHOME_URL="https://github.com/GoogleContainerTools/distroless"\n', m));
  return t;
}

/** The 615-byte default page of the nginx packages (1.21+). */
export const NGINX_INDEX_HTML = `<!DOCTYPE html>
<html>
<head>
<title>Welcome to nginx!</title>
<style>
html { color-scheme: light dark; }
body { width: 35em; margin: 0 auto;
font-family: Tahoma, Verdana, Arial, sans-serif; }
</style>
</head>
<body>
<h1>Welcome to nginx!</h1>
<p>If you see this page, the nginx web server is successfully installed and
working. Further configuration is required.</p>

<p>For online documentation and support please refer to
<a href="http://nginx.org/">nginx.org</a>.<br/>
Commercial support is available at
<a href="http://nginx.com/">nginx.com</a>.</p>

<p><em>Thank you for using nginx.</em></p>
</body>
</html>
`;

/** The 612-byte page of nginx ≤ 1.20 (no color-scheme line). */
export const NGINX_INDEX_HTML_OLD = NGINX_INDEX_HTML.replace('html { color-scheme: light dark; }\n', '').replace('body { width: 35em; margin: 0 auto;\nfont-family: Tahoma, Verdana, Arial, sans-serif; }', 'body {\n        width: 35em;\n        margin: 0 auto;\n        font-family: Tahoma, Verdana, Arial, sans-serif;\n    }');

export const NGINX_50X_HTML = `<!DOCTYPE html>
<html>
<head>
<title>Error</title>
<style>
html { color-scheme: light dark; }
body { width: 35em; margin: 0 auto;
font-family: Tahoma, Verdana, Arial, sans-serif; }
</style>
</head>
<body>
<h1>An error occurred.</h1>
<p>Sorry, the page you are looking for is currently unavailable.<br/>
Please try again later.</p>
<p>If you are the system administrator of this resource then you should check
the error log for details.</p>
<p><em>Faithfully yours, nginx.</em></p>
</body>
</html>
`;

/** Add the nginx package and the image's entrypoint to a base tree. */
/**
 * nginx as the official images install it. `build` (`buster~2021-02-17`: the image's base and
 * build day) picks what `nginx -V` prints (servers/nginx-builds.ts).
 */
export function addNginx(t: ImageTree, m: number, version: string, opts: { entrypoint: boolean; tune: boolean; curl?: string; alpine: boolean; build?: string }): void {
  const v = version.replace(/-alpine$/, '');
  const [maj, min] = v.split('.').map(Number);
  const program = `nginx@${version}${opts.build ? `~${opts.build}` : ''}`;
  t.add('/usr/sbin/nginx', exe(program, m, 1380360));
  t.add('/usr/sbin/nginx-debug', exe(program, m, 1425392));
  t.add('/etc/nginx/nginx.conf', file(NGINX_CONF, m));
  t.add('/etc/nginx/conf.d/default.conf', file(DEFAULT_CONF, m));
  t.add('/etc/nginx/mime.types', file('types {\n    text/html                                        html htm shtml;\n    text/css                                         css;\n    application/javascript                           js;\n    application/json                                 json;\n    image/png                                        png;\n}\n', m));
  t.add('/usr/share/nginx/html/index.html', file(maj === 1 && min < 21 ? NGINX_INDEX_HTML_OLD : NGINX_INDEX_HTML, m));
  t.add('/usr/share/nginx/html/50x.html', file(NGINX_50X_HTML, m));
  t.add('/var/log/nginx', dir(m));
  t.add('/var/log/nginx/access.log', link('/dev/stdout', m));
  t.add('/var/log/nginx/error.log', link('/dev/stderr', m));
  t.add('/var/cache/nginx', dir(m));
  const passwd = t.nodes.get('/etc/passwd');
  if (passwd && passwd.kind === 'file') passwd.content += opts.alpine ? 'nginx:x:101:101:nginx:/var/cache/nginx:/sbin/nologin\n' : 'nginx:x:101:101:nginx user,,,:/nonexistent:/bin/false\n';
  const group = t.nodes.get('/etc/group');
  if (group && group.kind === 'file') group.content += 'nginx:x:101:\n';
  if (opts.curl) t.add('/usr/bin/curl', exe(`curl@${opts.curl}`, m, 260328));
  if (opts.entrypoint) {
    t.add('/docker-entrypoint.sh', exe(`docker-entrypoint@${version}`, m, 1202));
    t.add('/docker-entrypoint.d', dir(m));
    t.add('/docker-entrypoint.d/10-listen-on-ipv6-by-default.sh', { ...file('', m, 0o775), size: 2002 } as FsNode);
    if (maj === 1 && min >= 25) t.add('/docker-entrypoint.d/15-local-resolvers.envsh', { ...file('', m, 0o775), size: 336 } as FsNode);
    t.add('/docker-entrypoint.d/20-envsubst-on-templates.sh', { ...file('', m, 0o775), size: 2125 } as FsNode);
    if (opts.tune) t.add('/docker-entrypoint.d/30-tune-worker-processes.sh', { ...file('', m, 0o775), size: 4620 } as FsNode);
  }
}

/** A CentOS 7 node as the notes' hosts: bash, GNU tools, procps, iputils, net-tools, curl 7.29. */
export function centosTree(m: number, hostname: string, hostsFile: string, resolvConf: string): ImageTree {
  // A lower layer is only read (writes go to the overlay's upper layer), as the images' trees
  // are: the hosts of every simulation share theirs, made once per process.
  const key = `${m}\u0000${hostname}\u0000${hostsFile}\u0000${resolvConf}`;
  let t = centosTrees.get(key);
  if (!t) {
    if (centosTrees.size >= 64) centosTrees.clear();
    centosTrees.set(key, (t = buildCentosTree(m, hostname, hostsFile, resolvConf)));
  }
  return t;
}

const centosTrees = new Map<string, ImageTree>();

function buildCentosTree(m: number, hostname: string, hostsFile: string, resolvConf: string): ImageTree {
  const t = new ImageTree();
  skeleton(t, m);
  t.add('/bin', link('usr/bin', m));
  t.add('/sbin', link('usr/sbin', m));
  t.add('/usr/bin/bash', exe('bash', m, 964536));
  t.add('/usr/bin/sh', link('bash', m));
  for (const tool of GNU_TOOLS) if (!NOT_ON_CENTOS_MINIMAL.has(tool)) t.add(`/usr/bin/${tool}`, exe(`gnu/${tool}`, m, 54080));
  t.add('/usr/bin/curl', exe('curl@7.29.0', m, 156280));
  t.add('/usr/bin/ping', exe('ping@iputils', m, 66176));
  t.add('/usr/sbin/ip', exe('ip@iproute2', m, 517096));
  t.add('/usr/sbin/route', exe('route@net-tools', m, 63528));
  t.add('/etc/hostname', file(`${hostname}\n`, m));
  t.add('/etc/hosts', file(hostsFile, m));
  t.add('/etc/resolv.conf', file(resolvConf, m));
  t.add('/etc/os-release', file('NAME="CentOS Linux"\nVERSION="7 (Core)"\nID="centos"\nID_LIKE="rhel fedora"\nVERSION_ID="7"\nPRETTY_NAME="CentOS Linux 7 (Core)"\nANSI_COLOR="0;31"\nCPE_NAME="cpe:/o:centos:centos:7"\nHOME_URL="https://www.centos.org/"\nBUG_REPORT_URL="https://bugs.centos.org/"\n', m));
  t.add('/etc/passwd', file('root:x:0:0:root:/root:/bin/bash\nbin:x:1:1:bin:/bin:/sbin/nologin\ndaemon:x:2:2:daemon:/sbin:/sbin/nologin\nnobody:x:99:99:Nobody:/:/sbin/nologin\n', m));
  t.add('/etc/group', file('root:x:0:\nbin:x:1:\ndaemon:x:2:\nnobody:x:99:\n', m));
  // root's dotfiles from the rootfiles package (18, 176 and 176 bytes, dated Dec 29 2013 in
  // `ls -la /root`); its .cshrc and .tcshrc are left out: their text was not found.
  const rootfiles = -282_252_900_000; // 2013-12-29 00:00 +08:00, in ms from t = 0 (2022-12-08 19:35 +08:00)
  t.add('/root/.bash_logout', file('# ~/.bash_logout\n\n', rootfiles));
  t.add('/root/.bash_profile', file('# .bash_profile\n\n# Get the aliases and functions\nif [ -f ~/.bashrc ]; then\n\t. ~/.bashrc\nfi\n\n# User specific environment and startup programs\n\nPATH=$PATH:$HOME/bin\n\nexport PATH\n', rootfiles));
  t.add('/root/.bashrc', file("# .bashrc\n\n# User specific aliases and functions\n\nalias rm='rm -i'\nalias cp='cp -i'\nalias mv='mv -i'\n\n# Source global definitions\nif [ -f /etc/bashrc ]; then\n\t. /etc/bashrc\nfi\n", rootfiles));
  return t;
}

/** Red Hat family images (CentOS 7/8, Oracle Linux 8-slim of mysql): bash as /bin/sh, /bin → usr/bin. */
export function rhelTree(m: number, release: 'centos7' | 'centos8' | 'oraclelinux8'): ImageTree {
  const t = new ImageTree();
  skeleton(t, m);
  t.add('/bin', link('usr/bin', m));
  t.add('/sbin', link('usr/sbin', m));
  t.add('/usr/bin/bash', exe('bash', m, 964536));
  t.add('/usr/bin/sh', link('bash', m));
  for (const tool of GNU_TOOLS) if (!NOT_ON_CENTOS_MINIMAL.has(tool)) t.add(`/usr/bin/${tool}`, exe(`gnu/${tool}`, m, 54080));
  const os =
    release === 'oraclelinux8'
      ? 'NAME="Oracle Linux Server"\nVERSION="8.7"\nID="ol"\nID_LIKE="fedora"\nVARIANT="Server"\nVARIANT_ID="server"\nVERSION_ID="8.7"\nPLATFORM_ID="platform:el8"\nPRETTY_NAME="Oracle Linux Server 8.7"\nANSI_COLOR="0;31"\nCPE_NAME="cpe:/o:oracle:linux:8:7:server"\nHOME_URL="https://linux.oracle.com/"\n'
      : release === 'centos8'
        ? 'NAME="CentOS Linux"\nVERSION="8"\nID="centos"\nID_LIKE="rhel fedora"\nVERSION_ID="8"\nPLATFORM_ID="platform:el8"\nPRETTY_NAME="CentOS Linux 8"\nANSI_COLOR="0;31"\nCPE_NAME="cpe:/o:centos:centos:8"\nHOME_URL="https://centos.org/"\nBUG_REPORT_URL="https://bugs.centos.org/"\n'
        : 'NAME="CentOS Linux"\nVERSION="7 (Core)"\nID="centos"\nID_LIKE="rhel fedora"\nVERSION_ID="7"\nPRETTY_NAME="CentOS Linux 7 (Core)"\nANSI_COLOR="0;31"\nCPE_NAME="cpe:/o:centos:centos:7"\nHOME_URL="https://www.centos.org/"\nBUG_REPORT_URL="https://bugs.centos.org/"\n';
  t.add('/etc/os-release', file(os, m));
  t.add('/etc/passwd', file('root:x:0:0:root:/root:/bin/bash\nbin:x:1:1:bin:/bin:/sbin/nologin\ndaemon:x:2:2:daemon:/sbin:/sbin/nologin\nnobody:x:65534:65534:Kernel Overflow User:/:/sbin/nologin\n', m));
  t.add('/etc/group', file('root:x:0:\nbin:x:1:\ndaemon:x:2:\nnobody:x:65534:\n', m));
  return t;
}

/** Add an executable that runs `program` (a name in the program registry). */
export function addExe(t: ImageTree, path: string, program: string, m: number, size = 0): void {
  t.add(path, exe(program, m, size));
}

/** Add a symbolic link. */
export function addLink(t: ImageTree, path: string, target: string, m: number): void {
  t.add(path, link(target, m));
}

/** Add a regular file. */
export function addFile(t: ImageTree, path: string, content: string, m: number, mode = 0o644, uid = 0, gid = 0): void {
  t.add(path, file(content, m, mode, uid, gid));
}

/** Add a directory owned by a user (a VOLUME or WORKDIR the Dockerfile chowns). */
export function addDir(t: ImageTree, path: string, m: number, mode = 0o755, uid = 0, gid = 0): void {
  t.add(path, { kind: 'dir', mode, mtime: m, uid, gid });
}

/** Append a user (and its group) as `useradd`/`adduser` in a Dockerfile does. */
export function addUser(t: ImageTree, passwdLine: string, groupLine: string): void {
  const passwd = t.nodes.get('/etc/passwd');
  if (passwd && passwd.kind === 'file') passwd.content += `${passwdLine}\n`;
  const group = t.nodes.get('/etc/group');
  if (group && group.kind === 'file') group.content += `${groupLine}\n`;
}
