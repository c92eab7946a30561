/**
 * describe's PrefixWriter over a tabwriter (minwidth 0, tabwidth 8, padding 2): two spaces of
 * indentation per level, terminal control characters escaped as cli-runtime's WriteEscaped does.
 */
import { newDescribeTabWriter, type TabWriter } from '../go/tabwriter';

export const LEVEL_0 = 0;
export const LEVEL_1 = 1;
export const LEVEL_2 = 2;
export const LEVEL_3 = 3;
export const LEVEL_4 = 4;

/** printers.WriteEscaped: ESC as `^[`, CR as `\r`. */
export function escapeTerminal(s: string): string {
  return s.replace(/\x1b/g, '^[').replace(/\r/g, '\\r');
}

export class PrefixWriter {
  private tw: TabWriter = newDescribeTabWriter();

  /** Write already-formatted text at an indentation level. */
  write(level: number, text: string): void {
    this.tw.write(escapeTerminal('  '.repeat(level) + text));
  }

  /** fmt.Sprintln of one value: the text and a newline. */
  writeLine(text: string): void {
    this.tw.write(escapeTerminal(`${text}\n`));
  }

  flush(): void {
    this.tw.flush();
  }

  /** tabbedString: flush and return everything written. */
  finish(): string {
    this.tw.flush();
    return this.tw.take();
  }
}
