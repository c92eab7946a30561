/**
 * The time scrubber: an <input type=range> over virtual time (keyboard accessible by nature)
 * and a play/pause button that moves it forward. Every change is reported to the playground.
 */
import { el } from './dom';
import { seconds, secondsLabel } from './format';

/** Step of the scrubber: a tenth of a second on short runs, whole seconds on long ones. */
export function scrubStepMs(horizonMs: number): number {
  return horizonMs <= 120_000 ? 100 : 1000;
}

/** Virtual ms per real ms while playing, so a whole run plays in about 20 seconds (at least 1×). */
export function playRate(horizonMs: number): number {
  return Math.max(1, horizonMs / 20_000);
}

export class Scrubber {
  readonly root: HTMLElement;
  private readonly input: HTMLInputElement;
  private readonly output: HTMLOutputElement;
  private readonly play: HTMLButtonElement;
  readonly summary: HTMLElement;
  /** Says where a cut run ends (the range stops there: nothing after it was simulated). */
  private readonly cutNote: HTMLElement;
  private horizonMs = 0;
  private raf = 0;
  private lastFrame = 0;

  constructor(
    idPrefix: string,
    private readonly onChange: (ms: number) => void,
  ) {
    this.input = el('input', { type: 'range', class: 'pg-scrub', id: `${idPrefix}-scrub`, min: 0, max: 0, step: 100, value: 0 });
    this.output = el('output', { class: 'pg-scrub-out', for: this.input.id }, '0 s');
    this.play = el('button', { type: 'button', class: 'pg-play', 'aria-pressed': 'false' });
    this.setPlayLabel(false);
    this.summary = el('p', { class: 'pg-at-summary' });
    this.cutNote = el('span', { class: 'pg-scrub-cut', hidden: true });
    this.input.addEventListener('input', () => {
      this.stop();
      this.emit();
    });
    this.play.addEventListener('click', () => (this.raf ? this.stop() : this.start()));
    this.root = el('div', { class: 'pg-scrubber' }, [
      this.play,
      el('label', { class: 'pg-scrub-label', for: this.input.id }, '虚拟时间'),
      this.input,
      this.output,
      this.cutNote,
    ]);
  }

  /** The range's end; `cutAtMs`: the run was cut there (the end is the cut, and the scrubber says so). */
  setHorizon(horizonMs: number, cutAtMs?: number): void {
    this.horizonMs = horizonMs;
    this.cutNote.hidden = cutAtMs === undefined;
    this.cutNote.textContent = cutAtMs === undefined ? '' : `（截断于 ${secondsLabel(cutAtMs)}）`;
    this.input.max = String(horizonMs);
    this.input.step = String(scrubStepMs(horizonMs));
  }

  get value(): number {
    return Number(this.input.value);
  }

  /** Move to a time (clamped) and report it. */
  set(ms: number): void {
    const step = scrubStepMs(this.horizonMs);
    this.input.value = String(Math.min(this.horizonMs, Math.max(0, Math.round(ms / step) * step)));
    this.emit();
  }

  private emit(): void {
    const ms = this.value;
    this.output.textContent = `${seconds(ms)} s`;
    this.input.setAttribute('aria-valuetext', secondsLabel(ms));
    this.onChange(ms);
  }

  private start(): void {
    if (this.value >= this.horizonMs) this.input.value = '0';
    this.setPlayLabel(true);
    this.lastFrame = performance.now();
    const rate = playRate(this.horizonMs);
    // Keep the play head as a float: the range input rounds to its step.
    let head = this.value;
    const frame = (now: number) => {
      const next = Math.min(this.horizonMs, head + (now - this.lastFrame) * rate);
      head = next;
      this.lastFrame = now;
      this.input.value = String(next);
      this.emit();
      if (next >= this.horizonMs) this.stop();
      else this.raf = requestAnimationFrame(frame);
    };
    this.raf = requestAnimationFrame(frame);
  }

  stop(): void {
    if (this.raf) cancelAnimationFrame(this.raf);
    this.raf = 0;
    this.setPlayLabel(false);
  }

  private setPlayLabel(playing: boolean): void {
    this.play.replaceChildren(el('span', { 'aria-hidden': 'true' }, playing ? '⏸ ' : '▶ '), playing ? '暂停' : '播放');
    this.play.setAttribute('aria-pressed', playing ? 'true' : 'false');
  }
}
