/**
 * Where a process's standard output and error end up: the container log (line by line, as
 * containerd's log driver records it), a pipe read to the end (a capture buffer), a file, or
 * /dev/null. Children share their parent's sink objects, as forked processes share file
 * descriptions.
 */
import type { OverlayFs } from './fs';

export interface Sink {
  write(text: string): void;
  /** `text` written `times` times in a row, when the sink can keep that compactly. */
  writeRepeated?(text: string, times: number): void;
  /** `write(line + '\n')` for a `line` without a newline, when the sink can take the line as it is. */
  writeLine?(line: string): void;
}

export const NULL_SINK: Sink = { write() {} };

/** Bytes a capture buffer keeps (the rest is dropped, as a full pipe nobody reads would block). */
export const MAX_CAPTURE_BYTES = 1024 * 1024;

export class BufferSink implements Sink {
  private parts: string[] = [];
  private bytes = 0;

  write(text: string): void {
    if (this.bytes >= MAX_CAPTURE_BYTES) return;
    const room = MAX_CAPTURE_BYTES - this.bytes;
    const t = text.length > room ? text.slice(0, room) : text;
    this.parts.push(t);
    this.bytes += t.length;
  }

  text(): string {
    return this.parts.join('');
  }

  writeRepeated(text: string, times: number): void {
    const room = MAX_CAPTURE_BYTES - this.bytes;
    if (room > 0) this.write(text.repeat(Math.max(1, Math.min(times, Math.ceil(room / text.length)))));
  }

  /** Characters kept so far. */
  get length(): number {
    return this.bytes;
  }

  get full(): boolean {
    return this.bytes >= MAX_CAPTURE_BYTES;
  }
}

/**
 * The container log: splits the stream into lines and hands each complete line over (a
 * partial last line is flushed when the container ends). A run of identical lines in one
 * write (a busy writer such as `yes`) is handed over once with its count. How much is kept
 * is the log manager's business (node/runtime/logs.ts rotates at 10Mi).
 */
export class LineSink implements Sink {
  private partial = '';

  constructor(private onLine: (line: string, repeat: number) => void) {}

  write(text: string): void {
    // One whole line (most writes: a log line, an access log entry): no splitting.
    if (!this.partial && text.indexOf('\n') === text.length - 1) {
      this.onLine(text.slice(0, -1), 1);
      return;
    }
    const s = this.partial + text;
    const lines = s.split('\n');
    this.partial = lines.pop() ?? '';
    let i = 0;
    while (i < lines.length) {
      let j = i + 1;
      while (j < lines.length && lines[j] === lines[i]) j++;
      this.onLine(lines[i], j - i);
      i = j;
    }
  }

  writeLine(line: string): void {
    if (this.partial) this.write(`${line}\n`);
    else this.onLine(line, 1);
  }

  writeRepeated(text: string, times: number): void {
    const nl = text.indexOf('\n');
    if (this.partial || nl !== text.length - 1) {
      // Not whole lines: write them out (bounded, as a log pipe would be read in pieces).
      this.write(text.repeat(Math.max(1, Math.min(times, Math.floor(MAX_CAPTURE_BYTES / text.length)))));
      return;
    }
    this.onLine(text.slice(0, -1), times);
  }

  flush(): void {
    if (this.partial) {
      const l = this.partial;
      this.partial = '';
      this.onLine(l, 1);
    }
  }
}

/** A file opened for writing (O_APPEND after the shell truncated it at open time). */
export class FileSink implements Sink {
  constructor(private fs: OverlayFs, private path: string) {}

  write(text: string): void {
    this.fs.writeFile(this.path, text, { append: true });
  }
}
