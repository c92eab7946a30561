import { describe, expect, it } from 'vitest';
import { FLAG_DISCARD_EMPTY_COLUMNS, FLAG_REMEMBER_WIDTHS, TabWriter, newDescribeTabWriter, newKubectlTabWriter, tabulate } from './tabwriter';

// Cases of Go's src/text/tabwriter/tabwriter_test.go that use no Debug/AlignRight/FilterHTML/
// StripEscape flag: [name, minwidth, tabwidth, padding, padchar, flags, src, expected].
const GO_CASES: Array<[string, number, number, number, string, number, string, string]> = [
  ['1a', 8, 0, 1, '.', 0, '', ''],
  ['2', 8, 0, 1, '.', 0, '\n\n\n', '\n\n\n'],
  ['3', 8, 0, 1, '.', 0, 'a\nb\nc', 'a\nb\nc'],
  ['4a', 8, 0, 1, '.', 0, '\t', ''],
  ['5', 8, 0, 1, '.', 0, '*\t*', '*.......*'],
  ['5b', 8, 0, 1, '.', 0, '*\t*\n', '*.......*\n'],
  ['5c', 8, 0, 1, '.', 0, '*\t*\t', '*.......*'],
  ['6', 8, 0, 1, '.', 0, '\t\n', '........\n'],
  ['7a', 8, 0, 1, '.', 0, 'a) foo', 'a) foo'],
  ['7b', 8, 0, 1, ' ', 0, 'b) foo\tbar', 'b) foo  bar'],
  ['7c', 8, 0, 1, '.', 0, 'c) foo\tbar\t', 'c) foo..bar'],
  ['7d', 8, 0, 1, '.', 0, 'd) foo\tbar\n', 'd) foo..bar\n'],
  ['7e', 8, 0, 1, '.', 0, 'e) foo\tbar\t\n', 'e) foo..bar.....\n'],
  ['8', 8, 0, 1, '*', 0, 'Hello, world!\n', 'Hello, world!\n'],
  ['9a', 1, 0, 0, '.', 0, '1\t2\t3\t4\n11\t222\t3333\t44444\n', '1.2..3...4\n11222333344444\n'],
  ['9c', 1, 0, 0, '.', 0, '1\t2\t3\t4\f11\t222\t3333\t44444\n', '1234\n11222333344444\n'],
  ['10a', 5, 0, 0, '.', 0, '1\t2\t3\t4\n', '1....2....3....4\n'],
  ['10b', 5, 0, 0, '.', 0, '1\t2\t3\t4\t\n', '1....2....3....4....\n'],
  ['11', 8, 0, 1, '.', 0, '本\tb\tc\naa\t本本本\tcccc\tddddd\naaa\tbbbb\n', '本.......b.......c\naa......本本本.....cccc....ddddd\naaa.....bbbb\n'],
  ['12b', 2, 0, 0, ' ', 0, 'a\tb\tc\naa\tbbb\tcccc\naaa\tbbbb\n', 'a  b  c\naa bbbcccc\naaabbbb\n'],
  ['12c', 8, 0, 1, '_', 0, 'a\tb\tc\naa\tbbb\tcccc\naaa\tbbbb\n', 'a_______b_______c\naa______bbb_____cccc\naaa_____bbbb\n'],
  [
    '13a', 4, 0, 1, '-', 0,
    '4444\t日本語\t22\t1\t333\n999999999\t22\n7\t22\n\t\t\t88888888\n\n666666\t666666\t666666\t4444\n1\t1\t999999999\t0000000000\n',
    '4444------日本語-22--1---333\n999999999-22\n7---------22\n------------------88888888\n\n666666-666666-666666----4444\n1------1------999999999-0000000000\n',
  ],
  [
    '13b', 4, 0, 3, '.', 0,
    '4444\t333\t22\t1\t333\n999999999\t22\n7\t22\n\t\t\t88888888\n\n666666\t666666\t666666\t4444\n1\t1\t999999999\t0000000000\n',
    '4444........333...22...1...333\n999999999...22\n7...........22\n....................88888888\n\n666666...666666...666666......4444\n1........1........999999999...0000000000\n',
  ],
  ['15a', 4, 0, 0, '.', 0, 'a\t\tb', 'a.......b'],
  ['15b', 4, 0, 0, '.', FLAG_DISCARD_EMPTY_COLUMNS, 'a\t\tb', 'a.......b'],
  ['15c', 4, 0, 0, '.', FLAG_DISCARD_EMPTY_COLUMNS, 'a\v\vb', 'a...b'],
  ['16a', 100, 100, 0, '\t', 0, 'a\tb\t\td\na\tb\t\td\te\na\na\tb\tc\td\na\tb\tc\td\te\n', 'a\tb\t\td\na\tb\t\td\te\na\na\tb\tc\td\na\tb\tc\td\te\n'],
  ['16b', 100, 100, 0, '\t', FLAG_DISCARD_EMPTY_COLUMNS, 'a\vb\v\vd\na\vb\v\vd\ve\na\na\vb\vc\vd\na\vb\vc\vd\ve\n', 'a\tb\td\na\tb\td\te\na\na\tb\tc\td\na\tb\tc\td\te\n'],
  ['16c', 100, 100, 0, '\t', FLAG_DISCARD_EMPTY_COLUMNS, 'a\tb\t\td\na\tb\t\td\te\na\na\tb\tc\td\na\tb\tc\td\te\n', 'a\tb\t\td\na\tb\t\td\te\na\na\tb\tc\td\na\tb\tc\td\te\n'],
];

describe('Go text/tabwriter (ported)', () => {
  for (const [name, minwidth, tabwidth, padding, padchar, flags, src, expected] of GO_CASES) {
    it(`case ${name}, written at once and byte by byte`, () => {
      expect(tabulate(src, new TabWriter(minwidth, tabwidth, padding, padchar, flags))).toBe(expected);
      const w = new TabWriter(minwidth, tabwidth, padding, padchar, flags);
      for (const ch of src) w.write(ch);
      w.flush();
      expect(w.take()).toBe(expected);
    });
  }
});

describe('kubectl tabwriter settings', () => {
  it('pads columns to the widest cell plus 3, minimum width 6, last cell unpadded', () => {
    expect(tabulate('NAME\tAGE\nnginx\t5s\n')).toBe('NAME    AGE\nnginx   5s\n');
    expect(tabulate('A\tB\tC\nx\ty\tz\n')).toBe('A     B     C\nx     y     z\n');
  });

  it('a trailing tab makes the last cell part of a column (padded)', () => {
    expect(tabulate('a\tb\t\nccc\td\t\n')).toBe('a     b     \nccc   d     \n');
  });

  it('RememberWidths keeps column widths across flushes (the watch printer)', () => {
    const w = newKubectlTabWriter();
    w.write('NAME\tREADY\tSTATUS\nnginx-long-name\t0/1\tPending\n');
    w.flush();
    const first = w.take();
    w.write('x\t1/1\tRunning\n');
    w.flush();
    expect(first).toBe('NAME              READY   STATUS\nnginx-long-name   0/1     Pending\n');
    expect(w.take()).toBe('x                 1/1     Running\n');
  });

  it('without RememberWidths a later block is laid out on its own', () => {
    const w = new TabWriter(6, 4, 3, ' ', 0);
    w.write('long-name-here\tx\n');
    w.flush();
    w.take();
    w.write('a\tb\n');
    w.flush();
    expect(w.take()).toBe('a     b\n');
    expect(FLAG_REMEMBER_WIDTHS).toBe(64);
  });

  it('a line with a single cell ends the column block (describe sections)', () => {
    const out = tabulate('Name:\tnginx\nContainers:\n  nginx:\n    Image:\tnginx:1.23\n', newDescribeTabWriter());
    expect(out).toBe('Name:  nginx\nContainers:\n  nginx:\n    Image:  nginx:1.23\n');
  });
});
