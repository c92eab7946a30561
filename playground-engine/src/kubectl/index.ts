/** kubectl for the simulated cluster: the program, the read-only runner, and the host contract. */
export { makeKubectlProgram, runKubectl, kubectlMain } from './kubectl';
export type { KubectlIO } from './commands/context';
export type { ApplyOutcome, ClusterInfo, KubectlHost, ResourceInfo, Revision } from './types';
export type { ExplainData } from './explain';
export { humanDuration, shortHumanDuration } from './duration';
