/** Terminal command history with up/down navigation (keeps the line being typed as a draft). */
export class CommandHistory {
  private items: string[] = [];
  private pos = 0;
  private draft = '';

  constructor(private readonly max = 200) {}

  get entries(): readonly string[] {
    return this.items;
  }

  push(line: string): void {
    const l = line.trim();
    if (l && this.items[this.items.length - 1] !== l) {
      this.items.push(l);
      if (this.items.length > this.max) this.items.shift();
    }
    this.pos = this.items.length;
    this.draft = '';
  }

  /** The previous entry (ArrowUp); `current` is kept as the draft when leaving the new line. */
  up(current: string): string {
    if (this.items.length === 0) return current;
    if (this.pos === this.items.length) this.draft = current;
    if (this.pos > 0) this.pos--;
    return this.items[this.pos];
  }

  /** The next entry (ArrowDown), or the draft past the newest. */
  down(current: string): string {
    if (this.pos >= this.items.length) return current;
    this.pos++;
    return this.pos === this.items.length ? this.draft : this.items[this.pos];
  }
}
