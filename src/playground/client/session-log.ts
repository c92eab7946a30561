/**
 * A terminal session's commands that replay: every command typed since the last run, with the
 * virtual time it ran at. A command at time t sees the cluster as changed by the earlier
 * commands at or before t (`prior` in the worker protocol).
 */
export interface TimedLine {
  atMs: number;
  line: string;
  /** `kubectl edit`: the texts the reader saved in its editor, in order (they replay with the line). */
  edits?: string[];
}

export class SessionLog {
  private lines: TimedLine[] = [];

  constructor(private readonly max = 50) {}

  /** The commands to replay before running one at `atMs`, in the order they were typed. */
  priorFor(atMs: number): TimedLine[] {
    return this.lines.filter((l) => l.atMs <= atMs);
  }

  record(entry: TimedLine): void {
    this.lines.push(entry);
    if (this.lines.length > this.max) this.lines.shift();
  }

  clear(): void {
    this.lines = [];
  }

  get size(): number {
    return this.lines.length;
  }
}
