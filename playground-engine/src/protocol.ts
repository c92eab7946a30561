/**
 * The engine worker's message protocol. The page posts a Request; the worker answers with
 * exactly one Response carrying the same `id`. Errors are data (`type: 'error'`), never
 * exceptions across the boundary.
 */
import type { Diagnostic, VirtualMs } from './types';
import type { Notice, PacketPath, StepOutput, Timeline, TrafficBucket, TrafficFailure, TrafficSummary } from './trace';

export type Request =
  /** Simulate a text of YAML documents (Pods, Deployments, Services, one optional Scenario). */
  | {
      type: 'run';
      id: number;
      text: string;
      fileName?: string;
      untilMs?: VirtualMs;
      /** Overrides the Scenario's proxyMode (the page's mode switch). */
      proxyMode?: 'iptables' | 'ipvs';
      /** A lower cap on engine tasks than the default (tests of a cut run); never raises it. */
      maxTasks?: number;
      /** A lower cap on the trace's records than the default (tests of a `memory` cut); never raises it. */
      maxRecords?: number;
    }
  /** Evaluate read-only commands (kubectl get/describe/logs…) against a finished run at a time. */
  | { type: 'views'; id: number; runId: string; atMs: VirtualMs; commands: string[] }
  /**
   * Run one terminal command line at a time: the text is simulated up to `atMs`, then the line
   * runs on k8s-master01 (it may change the cluster: exec, delete). `prior` are earlier
   * commands of the same terminal session, replayed at their times first. `edits`: the texts the
   * reader saved in `kubectl edit`'s editor, in order (the line opened it: `editing` in the output).
   */
  | { type: 'command'; id: number; text: string; fileName?: string; atMs: VirtualMs; line: string; edits?: string[]; prior?: Array<{ atMs: VirtualMs; line: string; edits?: string[] }>; proxyMode?: 'iptables' | 'ipvs' }
  /** Liveness check for the page's watchdog. */
  | { type: 'ping'; id: number };

/** Why and where a run was cut short; everything before `atMs` is complete and usable. */
export interface RunCut {
  /** Which limit was hit: `tasks` (engine task cap), `wall` (the worker's budget), `memory` (the record's size cap), `internal` (a simulator bug), or what the engine names. */
  limit: string;
  /** Virtual time at which the run stopped, ms. */
  atMs: VirtualMs;
  /** The engine's own sentence about the cut. */
  message: string;
  /** The horizon the run was asked to reach, when the engine says (the page draws the rest as not simulated). */
  untilMs?: VirtualMs;
}

export interface RunStats {
  /** Engine tasks executed. */
  tasks: number;
  /** Wall time the worker spent, ms (measured outside the engine). */
  wallMs?: number;
}

export type Response =
  | {
      type: 'ran';
      id: number;
      /** Handle for `views` requests (the worker keeps the trace). */
      runId: string;
      /** False when the API server or the parser rejected the input. */
      accepted: boolean;
      /** What kubectl would have printed for the rejection (stderr), when not accepted. */
      rejection?: string;
      diagnostics: Diagnostic[];
      horizonMs: VirtualMs;
      timeline: Timeline;
      steps: StepOutput[];
      /** The kube-proxy mode the run used. */
      proxyMode: 'iptables' | 'ipvs';
      /** Traffic clients' per-second results, totals, explained failures and sample packet paths. */
      traffic: TrafficBucket[];
      trafficSummary: TrafficSummary[];
      trafficFailures: TrafficFailure[];
      packetPaths: PacketPath[];
      /** Present when the run ended before its horizon: which limit, at what virtual time (results are complete up to `cut.atMs`). */
      /** The simulator's own notes (an image its registry lacks …), shown apart from kubectl output. */
      notices?: Notice[];
      stats: RunStats;
      /** Set when a limit cut the run short (results up to `cut.atMs` are complete). */
      cut?: RunCut;
    }
  | { type: 'views'; id: number; atMs: VirtualMs; outputs: Array<{ command: string; stdout: string; stderr: string; exitCode: number }> }
  | {
      type: 'output';
      id: number;
      atMs: VirtualMs;
      /** What the terminal shows of stdout (with the tty's `^C` echo where the terminal pressed Ctrl-C). */
      stdout: string;
      stderr: string;
      exitCode: number;
      /** Paths of the connections the command opened to Service addresses. */
      packets?: PacketPath[];
      /** Set when the command ran at another time than `atMs`: the run was cut earlier (`cut`). */
      ranAtMs?: VirtualMs;
      cut?: RunCut;
      /** The prompt after the line: the host's, or a shell the line opened in a container (`kubectl exec -ti … -- sh`). */
      prompt?: string;
      /** `kubectl edit` waits for the reader's editor: the file it opened and its text. */
      editing?: { file: string; buffer: string };
      /** The simulator's own line when the terminal stopped waiting and pressed Ctrl-C (not the command's output). */
      interrupted?: string;
      /** The simulator's notes (e.g. a command this cluster lacks), shown apart from the output. */
      notices?: Array<{ kind: string; message: string }>;
    }
  | { type: 'pong'; id: number }
  | { type: 'error'; id: number; message: string };
