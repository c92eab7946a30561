/**
 * version.Info (k8s.io/apimachinery/pkg/version) as the cluster's binaries report it: the API
 * server's /version and `kubectl version -o json|yaml`.
 */

/**
 * The v1.30.2 release: its commit and Go version, and the kube-apiserver image's build time (its
 * /version, as transcripts of v1.30.2 clusters show it).
 */
const V1_30_2_BUILD = { gitCommit: '39683505b630ff2121012f3c5b16215a1449d5ed', gitTreeState: 'clean', buildDate: '2024-06-11T20:21:00Z', goVersion: 'go1.22.4', compiler: 'gc', platform: 'linux/amd64' };

/** version.Info of a release (in its struct's field order); the build fields are known for v1.30.2 only. */
export function versionInfo(gitVersion: string) {
  const m = /^v(\d+)\.(\d+)/.exec(gitVersion);
  const build = gitVersion === 'v1.30.2' ? V1_30_2_BUILD : {};
  return { major: m ? m[1] : '', minor: m ? m[2] : '', gitVersion, ...build };
}
