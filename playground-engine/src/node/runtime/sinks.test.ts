import { describe, expect, it } from 'vitest';
import { LineSink } from './sinks';

describe('LineSink', () => {
  const collect = () => {
    const lines: Array<[string, number]> = [];
    return { lines, sink: new LineSink((l, n) => lines.push([l, n])) };
  };

  it('takes a whole line given without its newline as write(line + "\\n") does', () => {
    const a = collect();
    const b = collect();
    a.sink.writeLine('10.0.0.1 - - "GET / HTTP/1.1" 200 615');
    b.sink.write('10.0.0.1 - - "GET / HTTP/1.1" 200 615\n');
    expect(a.lines).toEqual(b.lines);
    expect(a.lines).toEqual([['10.0.0.1 - - "GET / HTTP/1.1" 200 615', 1]]);
  });

  it('ends a partial line written before it', () => {
    const { lines, sink } = collect();
    sink.write('abc');
    sink.writeLine('def');
    sink.writeLine('');
    expect(lines).toEqual([['abcdef', 1], ['', 1]]);
  });
});
