/**
 * A bound on nesting, checked on the text BEFORE the YAML parser runs. The parser (and the
 * tree builder) recurse once per level, so a deep enough document (`[[[[…]]]]`, `{a: {a: …}}`,
 * `- - - - x`) would exhaust the JavaScript stack, at a depth that depends on the engine and
 * the thread (a browser worker and Node differ). This linear, non-recursive scan finds the
 * first place where the nesting passes the bound, so every environment answers the same.
 *
 * Flow collections (`[`, `{`) are counted exactly; block nesting is estimated from the stack
 * of indentation columns plus compact `- ` / `? ` indicators (it may count a continuation
 * line of a scalar as a level, so the bound leaves room above the tree builder's exact
 * limit, which still applies to what gets through). kubectl's own YAML scanner (go-yaml)
 * stops at 10000 levels (`exceeded max depth of 10000`); the playground's limit is lower.
 */

/** Levels the scan lets through; far below where any JavaScript engine's stack runs out. */
export const PRESCAN_MAX_DEPTH = 200;

/** Offset (in `text`) of the first node nested deeper than `limit` levels, or undefined. */
export function firstTooDeep(text: string, limit = PRESCAN_MAX_DEPTH): number | undefined {
  const n = text.length;
  const indents: number[] = [];
  let flow = 0;
  let quote: '' | "'" | '"' = '';
  /** Inside a block scalar: lines indented deeper than this column belong to it. */
  let blockScalarParent = -2;
  let i = 0;
  while (i < n) {
    // ---- start of a line
    let eol = text.indexOf('\n', i);
    if (eol < 0) eol = n;
    let p = i;
    while (p < eol && text[p] === ' ') p++;
    const col = p - i;
    const blank = p >= eol || text[p] === '\r' || (text[p] === '#' && flow === 0 && !quote);
    if (blockScalarParent > -2) {
      if (blank || col > blockScalarParent) {
        i = eol + 1;
        continue;
      }
      blockScalarParent = -2;
    }
    if (blank && !quote) {
      i = eol + 1;
      continue;
    }
    let valueStart = false;
    if (flow === 0 && !quote) {
      if (col === 0 && (text.startsWith('---', p) || text.startsWith('...', p))) {
        indents.length = 0;
        p += 3;
      } else {
        while (indents.length && indents[indents.length - 1] >= col) indents.pop();
        indents.push(col);
        if (indents.length > limit) return p;
      }
      valueStart = true;
    }
    let compact = 0;
    for (; p < eol; p++) {
      const c = text[p];
      if (quote) {
        if (c === quote) {
          if (quote === "'" && text[p + 1] === "'") p++;
          else quote = '';
        } else if (c === '\\' && quote === '"') p++;
        continue;
      }
      if (c === ' ' || c === '\t' || c === '\r') continue;
      if (c === '#' && (p === i || text[p - 1] === ' ' || text[p - 1] === '\t')) break;
      if (flow === 0 && valueStart && (c === '-' || c === '?') && (p + 1 >= eol || text[p + 1] === ' ' || text[p + 1] === '\r')) {
        compact++;
        if (indents.length + compact > limit) return p;
        continue;
      }
      if ((c === '[' || c === '{') && (flow > 0 || valueStart)) {
        flow++;
        if (indents.length + compact + flow > limit) return p;
        valueStart = true;
        continue;
      }
      if ((c === ']' || c === '}') && flow > 0) {
        flow--;
        valueStart = false;
        continue;
      }
      if ((c === "'" || c === '"') && (valueStart || flow > 0)) {
        quote = c;
        valueStart = false;
        continue;
      }
      if (flow === 0 && valueStart && (c === '|' || c === '>')) {
        blockScalarParent = indents.length ? indents[indents.length - 1] : -1;
        break;
      }
      if (c === ':' && (p + 1 >= eol || text[p + 1] === ' ' || text[p + 1] === '\r' || flow > 0)) {
        valueStart = true;
        continue;
      }
      if (c === ',' && flow > 0) {
        valueStart = true;
        continue;
      }
      valueStart = false;
    }
    i = eol + 1;
  }
  return undefined;
}
