/**
 * Container log files as the kubelet's container log manager keeps them
 * (pkg/kubelet/logs/container_log_manager.go): every `logMonitorPeriod` (10 s) it looks at
 * each running container's current log file, and when the file has grown past
 * `containerLogMaxSize` (default 10Mi) it rotates it: the file is renamed with a timestamp
 * (older ones are compressed, and only `containerLogMaxFiles` (default 5) files are kept,
 * counting the current one) and the runtime reopens an empty current file. `kubectl logs`
 * reads the current file only.
 *
 * Here the current file is the container instance's lines in the trace; a rotation drops
 * them from the trace (so the trace's memory does not grow with how much a container
 * prints) and records the rotation. The file size counts each line as the CRI log format
 * writes it: `<RFC3339Nano timestamp> <stream> <F|P> <text>\n`.
 */
import type { LogLine, LogRotation } from '../../trace';
import type { VirtualMs } from '../../types';

export const CONTAINER_LOG_MAX_SIZE = 10 * 1024 * 1024;
export const CONTAINER_LOG_MAX_FILES = 5;
export const LOG_MONITOR_PERIOD_MS = 10_000;
/** `2022-12-08T11:35:00.123456789Z stdout F ` (the timestamp's length varies by a few bytes). */
const CRI_PREFIX_BYTES = 40;

interface FileState {
  bytes: number;
  lines: number;
  /** Characters of text the engine holds for the file (a repeated line once). */
  text: number;
  /** Times and text sizes of the held lines, oldest first (to drop the head past the cap). */
  held: number[];
  heldHead: number;
  /** The monitor tick at which the file is found too big. */
  rotateAt?: VirtualMs;
  rotations: number;
}

export class ContainerLogKeeper {
  private files = new Map<string, FileState>();
  /** Lines in `lines` that belong to rotated files (removed on the next compaction). */
  private stale = 0;
  private staleText = 0;
  private rotatedAt = new Map<string, VirtualMs>();

  constructor(
    private readonly lines: LogLine[],
    private readonly rotations: LogRotation[],
    private readonly maxSize = CONTAINER_LOG_MAX_SIZE,
  ) {}

  /** The same files by owner, container and attempt (no key string to build per line). */
  private byOwner = new Map<string, Map<string, Map<number, { key: string; f: FileState }>>>();

  private fileOf(l: LogLine): { key: string; f: FileState } {
    const owner = l.uid ?? l.namespace + '/' + l.pod;
    let containers = this.byOwner.get(owner);
    if (!containers) this.byOwner.set(owner, (containers = new Map()));
    let attempts = containers.get(l.container);
    if (!attempts) containers.set(l.container, (attempts = new Map()));
    let e = attempts.get(l.attempt);
    if (!e) {
      const key = `${owner}\u0000${l.container}\u0000${l.attempt}`;
      let f = this.files.get(key);
      if (!f) this.files.set(key, (f = { bytes: 0, lines: 0, text: 0, held: [], heldHead: 0, rotations: 0 }));
      attempts.set(l.attempt, (e = { key, f }));
    }
    return e;
  }

  append(l: LogLine): void {
    const { key, f } = this.fileOf(l);
    if (f.rotateAt !== undefined && l.t > f.rotateAt) this.rotate(key, f, l);
    const n = l.repeat ?? 1;
    f.bytes += n * (CRI_PREFIX_BYTES + l.text.length + 1);
    f.lines++;
    f.text += l.text.length;
    f.held.push(l.t, l.text.length);
    // The trace keeps at most the file's last 10Mi of text (the head of a file that grew
    // faster than the 10 s monitor leaves the trace; the node's file would still have it).
    while (f.text > this.maxSize && f.heldHead < f.held.length - 2) {
      const t = f.held[f.heldHead];
      f.text -= f.held[f.heldHead + 1];
      f.heldHead += 2;
      f.lines--;
      this.stale++;
      this.staleText += f.held[f.heldHead - 1];
      this.rotatedAt.set(key, Math.max(this.rotatedAt.get(key) ?? -1, t - 1));
    }
    if (f.heldHead > 4096) {
      f.held = f.held.slice(f.heldHead);
      f.heldHead = 0;
    }
    if (this.staleText > 16 * 1024 * 1024) this.compact();
    if (f.rotateAt === undefined && f.bytes > this.maxSize) f.rotateAt = (Math.floor(l.t / LOG_MONITOR_PERIOD_MS) + 1) * LOG_MONITOR_PERIOD_MS;
    this.lines.push(l);
  }

  private rotate(key: string, f: FileState, l: LogLine): void {
    f.rotations++;
    this.rotations.push({ t: f.rotateAt!, namespace: l.namespace, pod: l.pod, uid: l.uid, container: l.container, attempt: l.attempt, bytes: f.bytes, kept: Math.min(f.rotations, CONTAINER_LOG_MAX_FILES - 1) });
    this.rotatedAt.set(key, f.rotateAt!);
    this.stale += f.lines;
    this.staleText += f.text;
    f.bytes = 0;
    f.lines = 0;
    f.text = 0;
    f.held = [];
    f.heldHead = 0;
    f.rotateAt = undefined;
    if ((this.stale > 50_000 && this.stale * 2 > this.lines.length) || this.staleText > 16 * 1024 * 1024) this.compact();
  }

  /** Drop the lines of rotated files from the trace (in place: the trace keeps its array). */
  private compact(): void {
    let w = 0;
    const a = this.lines;
    for (let r = 0; r < a.length; r++) {
      const l = a[r];
      const at = this.rotatedAt.get(`${l.uid ?? l.namespace + '/' + l.pod}\u0000${l.container}\u0000${l.attempt}`);
      if (at !== undefined && l.t <= at) continue;
      a[w++] = l;
    }
    a.length = w;
    this.stale = 0;
    this.staleText = 0;
  }
}
