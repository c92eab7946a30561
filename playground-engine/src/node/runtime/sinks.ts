/**
 * Where a process's standard output and error end up: the container log (line by line, as
 * containerd's log driver records it), a pipe read to the end (a capture buffer), a file, or
 * /dev/null. Children share their parent's sink objects, as forked processes share file
 * descriptions.
 */
import type { OverlayFs } from './fs';

export interface Sink {
  write(text: string): void;
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
}

/**
 * The container log: splits the stream into lines and hands each complete line over (a
 * partial last line is flushed when the container ends). Stops forwarding after `maxBytes`.
 */
export class LineSink implements Sink {
  private partial = '';
  private bytes = 0;

  constructor(private onLine: (line: string) => void, private maxBytes: number) {}

  write(text: string): void {
    if (this.bytes >= this.maxBytes) return;
    this.bytes += text.length;
    const s = this.partial + text;
    const lines = s.split('\n');
    this.partial = lines.pop() ?? '';
    for (const l of lines) this.onLine(l);
  }

  flush(): void {
    if (this.partial) {
      const l = this.partial;
      this.partial = '';
      this.onLine(l);
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
