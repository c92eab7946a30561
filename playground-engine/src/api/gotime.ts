/**
 * Go's `time.Parse(time.RFC3339, s)` errors, for metav1.Time fields: walks the layout
 * `2006-01-02T15:04:05Z07:00` element by element and reports the first one that does not match,
 * `parsing time "<s>" as "<layout>": cannot parse "<rest>" as "<element>"`, or `extra text`.
 * Range checks (month 13) are not modelled.
 */
const LAYOUT = '2006-01-02T15:04:05Z07:00';
const ELEMENTS: Array<[string, RegExp]> = [
  ['2006', /^\d{4}/],
  ['-', /^-/],
  ['01', /^\d{2}/],
  ['-', /^-/],
  ['02', /^\d{2}/],
  ['T', /^T/],
  ['15', /^\d{2}/],
  [':', /^:/],
  ['04', /^\d{2}/],
  [':', /^:/],
  ['05', /^\d{2}(\.\d+)?/],
  ['Z07:00', /^(Z|[+-]\d{2}:\d{2})/],
];

export function rfc3339Error(s: string): string | undefined {
  let rest = s;
  for (const [el, re] of ELEMENTS) {
    const m = re.exec(rest);
    if (!m) return `parsing time ${JSON.stringify(s)} as ${JSON.stringify(LAYOUT)}: cannot parse ${JSON.stringify(rest)} as ${JSON.stringify(el)}`;
    rest = rest.slice(m[0].length);
  }
  if (rest) return `parsing time ${JSON.stringify(s)}: extra text: ${JSON.stringify(rest)}`;
  return undefined;
}
