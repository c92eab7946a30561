/**
 * Go's text/tabwriter (the github.com/liggitt/tabwriter fork kubectl vendors, which adds the
 * RememberWidths flag), ported line by line so that column layout matches kubectl byte for byte.
 *
 * Cells are terminated by '\t' (or '\v'); '\n' ends a line and a line with a single cell flushes
 * the writer (a block of aligned columns ends there); '\f' always flushes. The last cell of a
 * line is not part of a column and is never padded. Widths are counted in runes. Escape and
 * HTML filtering are not used by kubectl and are not implemented.
 */

export const FLAG_DISCARD_EMPTY_COLUMNS = 1 << 3;
export const FLAG_REMEMBER_WIDTHS = 1 << 6;

interface Cell {
  size: number; // length of the cell text in UTF-16 units (the buffer is a JS string)
  width: number; // width in runes
  htab: boolean; // terminated by '\t' (not '\v')
}

function runeCount(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

export class TabWriter {
  private out = '';
  private buf = '';
  private pos = 0;
  private cell: Cell = { size: 0, width: 0, htab: false };
  private lines: Cell[][] = [[]];
  private widths: number[] = [];
  private maxwidths: number[] = [];

  constructor(
    private readonly minwidth: number,
    private readonly tabwidth: number,
    private readonly padding: number,
    private readonly padchar: string,
    private readonly flags: number,
  ) {}

  /** Everything written to the underlying output so far. */
  get output(): string {
    return this.out;
  }

  /** Drain the underlying output (what has been flushed through the writer). */
  take(): string {
    const s = this.out;
    this.out = '';
    return s;
  }

  /** Forget remembered column widths (kubectl's `SetRememberedWidths(nil)`). */
  resetRememberedWidths(): void {
    this.maxwidths = [];
  }

  write(text: string): void {
    let n = 0;
    for (let i = 0; i < text.length; i++) {
      const ch = text[i];
      if (ch === '\t' || ch === '\v' || ch === '\n' || ch === '\f') {
        this.append(text.slice(n, i));
        this.updateWidth();
        n = i + 1;
        const ncells = this.terminateCell(ch === '\t');
        if (ch === '\n' || ch === '\f') {
          this.lines.push([]);
          if (ch === '\f' || ncells === 1) this.flush();
        }
      }
    }
    this.append(text.slice(n));
  }

  flush(): void {
    if (this.cell.size > 0) this.terminateCell(false);
    this.format(0, 0, this.lines.length);
    this.reset();
  }

  private reset(): void {
    this.buf = '';
    this.pos = 0;
    this.cell = { size: 0, width: 0, htab: false };
    this.lines = [[]];
    this.widths = [];
  }

  private append(text: string): void {
    this.buf += text;
    this.cell.size += text.length;
  }

  private updateWidth(): void {
    this.cell.width += runeCount(this.buf.slice(this.pos));
    this.pos = this.buf.length;
  }

  private terminateCell(htab: boolean): number {
    this.cell.htab = htab;
    const line = this.lines[this.lines.length - 1];
    line.push(this.cell);
    this.cell = { size: 0, width: 0, htab: false };
    return line.length;
  }

  private writePadding(textw: number, cellw: number, useTabs: boolean): void {
    if (this.padchar === '\t' || useTabs) {
      if (this.tabwidth === 0) return;
      const cw = Math.floor((cellw + this.tabwidth - 1) / this.tabwidth) * this.tabwidth;
      const n = cw - textw;
      this.out += '\t'.repeat(Math.floor((n + this.tabwidth - 1) / this.tabwidth));
      return;
    }
    if (cellw > textw) this.out += this.padchar.repeat(cellw - textw);
  }

  private writeLines(pos0: number, line0: number, line1: number): number {
    let pos = pos0;
    for (let i = line0; i < line1; i++) {
      const line = this.lines[i];
      for (let j = 0; j < line.length; j++) {
        const c = line[j];
        if (c.size === 0) {
          if (j < this.widths.length) this.writePadding(c.width, this.widths[j], false);
        } else {
          this.out += this.buf.slice(pos, pos + c.size);
          pos += c.size;
          if (j < this.widths.length) this.writePadding(c.width, this.widths[j], false);
        }
      }
      if (i + 1 === this.lines.length) {
        // last buffered line: no newline, write any outstanding text of the open cell
        this.out += this.buf.slice(pos, pos + this.cell.size);
        pos += this.cell.size;
      } else {
        this.out += '\n';
      }
    }
    return pos;
  }

  private format(pos0: number, line0: number, line1: number): number {
    let pos = pos0;
    const column = this.widths.length;
    for (let thisLine = line0; thisLine < line1; thisLine++) {
      let line = this.lines[thisLine];
      if (column >= line.length - 1) continue;
      // cell exists in this column: print the lines before the block
      pos = this.writeLines(pos, line0, thisLine);
      line0 = thisLine;

      let width = this.minwidth;
      let discardable = true;
      for (; thisLine < line1; thisLine++) {
        line = this.lines[thisLine];
        if (column >= line.length - 1) break;
        const c = line[column];
        const w = c.width + this.padding;
        if (w > width) width = w;
        if (c.width > 0 || c.htab) discardable = false;
      }
      if (discardable && (this.flags & FLAG_DISCARD_EMPTY_COLUMNS) !== 0) width = 0;

      if ((this.flags & FLAG_REMEMBER_WIDTHS) !== 0) {
        if (this.maxwidths.length < this.widths.length) {
          this.maxwidths.push(...this.widths.slice(this.maxwidths.length));
        }
        const k = this.widths.length;
        if (this.maxwidths.length === k) this.maxwidths.push(width);
        else if (this.maxwidths[k] > width) width = this.maxwidths[k];
        else if (this.maxwidths[k] < width) this.maxwidths[k] = width;
      }

      this.widths.push(width);
      pos = this.format(pos, line0, thisLine);
      this.widths.pop();
      line0 = thisLine;
    }
    return this.writeLines(pos, line0, line1);
  }
}

/** kubectl's table writer: printers.GetNewTabWriter (minwidth 6, tabwidth 4, padding 3, RememberWidths). */
export function newKubectlTabWriter(): TabWriter {
  return new TabWriter(6, 4, 3, ' ', FLAG_REMEMBER_WIDTHS);
}

/** kubectl describe's writer: tabwriter.Init(buf, 0, 8, 2, ' ', 0). */
export function newDescribeTabWriter(): TabWriter {
  return new TabWriter(0, 8, 2, ' ', 0);
}

/** Run text through a fresh writer and return the formatted result. */
export function tabulate(text: string, w: TabWriter = newKubectlTabWriter()): string {
  w.write(text);
  w.flush();
  return w.take();
}
