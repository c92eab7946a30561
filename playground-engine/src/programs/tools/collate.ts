/**
 * strcoll() as the tools see it: the C locale compares bytes; glibc's en_US.UTF-8 (the CentOS 7
 * hosts' LANG) collates with the ISO 14651 table glibc 2.17 ships (localedata/locales/
 * iso14651_t1_common, which en_US copies), four levels:
 *   1. letters and digits only, case-folded, digits before letters; every ASCII punctuation
 *      character and the space are IGNORE at levels 1-3;
 *   2. accents (<BAS> for every ASCII character, so ASCII never differs here);
 *   3. case: <MIN> (lower case, digits) before <CAP>;
 *   4. `forward,position`: only the ignored characters weigh, each with the number of characters
 *      read since the previous one (string/strcoll_l.c get_next_seq `val`); a later position
 *      sorts after, then the characters' own order in the table.
 * So `kubelet.conf` < `kubelet-conf.yml` (kubeletconf is a prefix of kubeletconfyml), `.bashrc`
 * sorts as `bashrc`, `a` < `A` < `b`. Which locale a process collates in follows setlocale:
 * LC_ALL, then LC_COLLATE, then LANG.
 */

export type Collate = (a: string, b: string) => number;

/** Byte order (C, POSIX, C.UTF-8 for ASCII; UTF-16 order agrees with UTF-8 byte order except for surrogates). */
export const byteOrder: Collate = (a, b) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The collation a process gets from its environment. unverified: images that set an en_US
 * LANG (postgres, eclipse-temurin) have glibc 2.28+, whose newer ISO 14651 table may order
 * punctuation differently at the last level; they get the 2.17 rules here.
 */
export function collateOf(env: { get(k: string): string | undefined }): Collate {
  const loc = env.get('LC_ALL') || env.get('LC_COLLATE') || env.get('LANG') || '';
  return /^en_US\.(utf-?8)$/i.test(loc) ? strcollEnUS : byteOrder;
}

// Level-4 weights of the ignorable ASCII characters. A few of them name internal collating
// symbols in the table (´ <0>, ` <1>, ^ <3>, ~ <8>, < <d>, = <f>, > <h>, | <j>), which are
// ordered before every character; the others weigh as themselves, in the order of the
// <SPECIAL> section: <U0020> <U005F> <U002D> <U002C> <U003B> ...
const SYMBOL_L4: Record<string, number> = { '`': 1, '^': 3, '~': 8, '<': 13, '=': 15, '>': 17, '|': 19 };
const SPECIAL_ORDER = ' _-,;:!?/.\'"()[]{}@$*\\&#%+';
const L4 = new Map<number, number>();
for (const [c, w] of Object.entries(SYMBOL_L4)) L4.set(c.charCodeAt(0), w);
for (let i = 0; i < SPECIAL_ORDER.length; i++) L4.set(SPECIAL_ORDER.charCodeAt(i), 100 + i);
// The control characters come after, in code order (the table's compatibility entries).
for (let c = 1; c < 0x20; c++) L4.set(c, 200 + c);
L4.set(0x7f, 200 + 0x7f);

interface Key {
  l1: number[];
  l3: number[];
  /** [position since the previous ignorable character, weight] */
  l4: Array<[number, number]>;
}

function keyOf(s: string): Key {
  const l1: number[] = [];
  const l3: number[] = [];
  const l4: Array<[number, number]> = [];
  let since = 0;
  for (const ch of s.normalize('NFD')) {
    const c = ch.codePointAt(0)!;
    since++;
    if (c >= 0x30 && c <= 0x39) {
      l1.push(c - 0x30);
      l3.push(0);
    } else if (c >= 0x61 && c <= 0x7a) {
      l1.push(10 + c - 0x61);
      l3.push(0);
    } else if (c >= 0x41 && c <= 0x5a) {
      l1.push(10 + c - 0x41);
      l3.push(1);
    } else if (L4.has(c)) {
      l4.push([since, L4.get(c)!]);
      since = 0;
    } else if (c >= 0x300 && c <= 0x36f) {
      // A combining accent of a decomposed letter: weighs at level 2 only, which ASCII never
      // reaches. unverified: the accents' own level-2 order (backward in <LATIN>) is not modelled.
      since--;
    } else {
      // unverified: characters beyond ASCII and the Latin accents sort after z by code point.
      l1.push(1000 + c);
      l3.push(0);
    }
  }
  return { l1, l3, l4 };
}

function cmpSeq(a: number[], b: number[]): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return a.length === b.length ? 0 : a.length < b.length ? -1 : 1;
}

/** glibc 2.17 strcoll in en_US.UTF-8, for ASCII (and accented Latin letters at level 1). */
export function strcollEnUS(a: string, b: string): number {
  if (a === b) return 0;
  if (!a || !b) return a ? 1 : -1;
  const ka = keyOf(a);
  const kb = keyOf(b);
  const c1 = cmpSeq(ka.l1, kb.l1);
  if (c1) return c1;
  const c3 = cmpSeq(ka.l3, kb.l3);
  if (c3) return c3;
  const n = Math.min(ka.l4.length, kb.l4.length);
  for (let i = 0; i < n; i++) {
    const [pa, wa] = ka.l4[i];
    const [pb, wb] = kb.l4[i];
    if (pa !== pb) return pa > pb ? 1 : -1;
    if (wa !== wb) return wa - wb;
  }
  if (ka.l4.length !== kb.l4.length) return ka.l4.length < kb.l4.length ? -1 : 1;
  // Equal at every level (characters beyond the table): bytes decide, as gnulib's memcoll0 does
  // for equal strings only. unverified for distinct strings glibc weighs alike.
  return byteOrder(a, b);
}
