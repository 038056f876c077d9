import { describe, expect, it } from 'vitest';
import { lineSplitter } from '../../scripts/adapters/lines.js';

describe('lineSplitter', () => {
  it('hands over complete lines as they come, a CR before the newline dropped, the rest at the end', () => {
    const got: string[] = [];
    const s = lineSplitter((l) => got.push(l));
    s.push(Buffer.from('one\r\ntw'));
    expect(got).toEqual(['one']);
    s.push(Buffer.from('o\n\nthree'));
    expect(got).toEqual(['one', 'two', '']);
    s.end();
    expect(got).toEqual(['one', 'two', '', 'three']);
  });

  it('keeps a character whole when its bytes arrive in two chunks', () => {
    const got: string[] = [];
    const s = lineSplitter((l) => got.push(l));
    const bytes = Buffer.from('café ✓\n');
    s.push(bytes.subarray(0, 4));
    s.push(bytes.subarray(4, 8));
    s.push(bytes.subarray(8));
    s.end();
    expect(got).toEqual(['café ✓']);
  });
});
