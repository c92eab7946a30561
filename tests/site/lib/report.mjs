// A small collector for the site checks: counts what was checked, keeps the failures with enough
// context to fix them, and prints one summary line per check.

export class Report {
  /** @param {string} name */
  constructor(name) {
    this.name = name;
    this.checked = 0;
    /** @type {string[]} */
    this.failures = [];
    /** @type {string[]} */
    this.notes = [];
  }

  /** Record one check; `message` is printed only when `ok` is false. */
  check(ok, message) {
    this.checked += 1;
    if (!ok) this.failures.push(typeof message === 'function' ? message() : message);
    return ok;
  }

  fail(message) {
    this.check(false, message);
  }

  note(message) {
    this.notes.push(message);
  }

  get ok() {
    return this.failures.length === 0;
  }

  print(limit = 60) {
    const status = this.ok ? 'ok' : 'FAILED';
    console.log(`${this.name}: ${this.checked - this.failures.length} passed, ${this.failures.length} failed — ${status}`);
    for (const n of this.notes) console.log(`  · ${n}`);
    for (const f of this.failures.slice(0, limit)) console.log(`  ✗ ${f}`);
    if (this.failures.length > limit) console.log(`  … and ${this.failures.length - limit} more`);
  }
}
