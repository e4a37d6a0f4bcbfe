import { describe, expect, it } from 'vitest';
import {
  type CsvResult,
  MAX_ABS_COORDINATE,
  MAX_CSV_BYTES,
  MAX_CSV_ROWS,
  parsePointsCsv,
} from '../../src/engine/csv';

/** The parsed points, failing the test with the parser's message if it refused. */
function accepted(result: CsvResult): Extract<CsvResult, { ok: true }> {
  if (!result.ok) throw new Error(`expected the file to parse, got: ${result.error}`);
  return result;
}

/** The refusal message, failing the test if the parser accepted. */
function refused(result: CsvResult): string {
  if (result.ok) throw new Error('expected the file to be refused');
  return result.error;
}

describe('parsePointsCsv accepts', () => {
  it('exports its limits', () => {
    expect(MAX_CSV_ROWS).toBe(100_000);
    expect(MAX_CSV_BYTES).toBe(10 * 1024 * 1024);
    expect(MAX_ABS_COORDINATE).toBe(1e6);
  });

  it('two columns as 2-D points, row-major', () => {
    const result = accepted(parsePointsCsv('1,2\n3.5,-4\n-0.25,1e3\n'));
    expect(result.points.dimension).toBe(2);
    expect(result.points.values).toBeInstanceOf(Float32Array);
    expect(Array.from(result.points.values)).toEqual([1, 2, 3.5, -4, -0.25, 1000]);
    expect(result.rows).toBe(3);
    expect(result.header).toBeNull();
  });

  it('one column as 1-D points', () => {
    const result = accepted(parsePointsCsv('1.5\n-2\n+3\n.5\n7.\n'));
    expect(result.points.dimension).toBe(1);
    expect(Array.from(result.points.values)).toEqual([1.5, -2, 3, 0.5, 7]);
    expect(result.rows).toBe(5);
  });

  it('a header line with column names', () => {
    const result = accepted(parsePointsCsv('x,y\n1,2\n3,4'));
    expect(result.header).toEqual(['x', 'y']);
    expect(result.rows).toBe(2);
    expect(Array.from(result.points.values)).toEqual([1, 2, 3, 4]);
    expect(accepted(parsePointsCsv('"height (cm)"\n170\n182')).header).toEqual(['height (cm)']);
    expect(accepted(parsePointsCsv('x;1\n1;2\n3;4')).header).toEqual(['x', '1']);
  });

  it('a header after leading blank lines', () => {
    expect(accepted(parsePointsCsv('\n\nx y\n1 2\n3 4')).header).toEqual(['x', 'y']);
  });

  it('commas, semicolons, tabs and runs of spaces as separators', () => {
    const expected = [1, 2, 3, 4];
    for (const text of [
      '1,2\n3,4',
      '1, 2\n3 ,4',
      '1;2\n3;4',
      '1 ; 2\n3;4',
      '1\t2\n3\t4',
      '1 \t 2\n3\t 4',
      '1 2\n3 4',
      '  1    2  \n3      4',
    ]) {
      const result = accepted(parsePointsCsv(text));
      expect(result.points.dimension, text).toBe(2);
      expect(Array.from(result.points.values), text).toEqual(expected);
    }
  });

  it('quoted numbers', () => {
    const result = accepted(parsePointsCsv('"x","y"\n"1.5","2"\n" -3 ",4'));
    expect(result.header).toEqual(['x', 'y']);
    expect(Array.from(result.points.values)).toEqual([1.5, 2, -3, 4]);
  });

  it('CRLF and lone CR line ends, a UTF-8 BOM, blank lines and no trailing newline', () => {
    const crlf = accepted(parsePointsCsv('\uFEFFx,y\r\n1,2\r\n\r\n3,4\r\n\r\n'));
    expect(crlf.header).toEqual(['x', 'y']);
    expect(Array.from(crlf.points.values)).toEqual([1, 2, 3, 4]);
    expect(Array.from(accepted(parsePointsCsv('1\r2\r3')).points.values)).toEqual([1, 2, 3]);
    expect(accepted(parsePointsCsv('\uFEFF1\n2')).rows).toBe(2);
  });

  it('values up to the coordinate limit', () => {
    const result = accepted(parsePointsCsv('1000000,-1000000\n1e6,-1e-300'));
    expect(Array.from(result.points.values)).toEqual([1e6, -1e6, 1e6, -0]);
  });
});

describe('parsePointsCsv refuses, naming the line', () => {
  const cases: [string, string, RegExp][] = [
    ['a word', '1,2\n3,4\nabc,5', /"abc" on line 3 is not a number/],
    ['a word in one column', '1\n2\nabc', /"abc" on line 3 is not a number/],
    ['NaN', '1,2\n3,NaN', /"NaN" on line 2 is not a finite number/],
    ['NaN on line 1 (not a header)', 'nan,1\n2,3', /"nan" on line 1 is not a finite number/],
    ['Infinity', '1,2\n\n-Infinity,4', /"-Infinity" on line 3 is not a finite number/],
    ['inf', '1\n2\ninf', /"inf" on line 3/],
    ['1e308', '1,2\n1e308,3', /"1e308" on line 2 is too large.*−1 000 000 and 1 000 000/],
    ['1e400', '1,2\n3,4\n1e400,3', /"1e400" on line 3 is too large/],
    ['just over the limit', '1\n1000000.5', /line 2 is too large/],
    ['a hex number', '1\n0x10', /"0x10" on line 2 is not a number/],
    [
      'a ragged row',
      'x,y\n1,2\n3\n',
      /Expected 2 columns on line 3, like the first data row \(line 2\), but found 1/,
    ],
    ['a row wider than the first', '1\n2\n3,4', /Expected 1 column on line 3.*found 2/],
    ['three columns', '1,2,3\n4,5,6', /Found 3 columns on line 1; points need 1 column \(x\) or 2/],
    ['three columns later', '1,2\n\n4,5,6', /Found 3 columns on line 3/],
    ['an empty value', '1,2\n,3', /empty value on line 2/],
    ['a trailing separator', '1,2\n3,', /empty value on line 2/],
    ['a header on line 3', '1,2\n3,4\nx,y', /"x" on line 3 is not a number/],
    [
      'a mixed separator',
      '1,2\n3 4',
      /Expected 2 columns on line 2.*found 1 \(it seems to use another separator\)\./,
    ],
    [
      'a decimal comma',
      '1;2\n3,5;4',
      /"3,5" on line 2 is not a number; write decimals with a point/,
    ],
    [
      'a quoted decimal comma',
      '1\n"2,5"',
      /"2,5" on line 2 is not a number; write decimals with a point/,
    ],
  ];
  for (const [name, text, message] of cases) {
    it(`for ${name}`, () => {
      const error = refused(parsePointsCsv(text));
      expect(error).toMatch(message);
      // One sentence the UI can show as-is.
      expect(error).toMatch(/^[A-Z"].*\.$/);
    });
  }

  it('shortens a long garbage field in the message', () => {
    const error = refused(parsePointsCsv(`1\n${'z'.repeat(10_000)}`));
    expect(error).toMatch(/line 2/);
    expect(error.length).toBeLessThan(120);
  });
});

describe('parsePointsCsv refuses the whole file', () => {
  it('when it is empty or blank', () => {
    for (const text of ['', '\n\n', '  \r\n\t\n', '\uFEFF']) {
      expect(refused(parsePointsCsv(text))).toMatch(/no data rows/);
    }
  });

  it('when it holds only a header', () => {
    expect(refused(parsePointsCsv('x,y\n'))).toMatch(/only a header line and no data rows/);
  });

  it('when it holds a single point', () => {
    expect(refused(parsePointsCsv('x,y\n1,2\n'))).toMatch(/only 1 data row; at least 2 points/);
  });

  it('when it has more rows than allowed, saying how many', () => {
    const text = Array.from({ length: 12 }, (_, i) => `${i},${i}`).join('\n');
    expect(accepted(parsePointsCsv(text, { maxRows: 12 })).rows).toBe(12);
    const error = refused(parsePointsCsv(`x,y\n${text}\n\n`, { maxRows: 10 }));
    expect(error).toBe('The file has 12 rows; the limit is 10.');
  });

  it('counts rows past the limit without reading them', () => {
    const error = refused(parsePointsCsv('1\n2\n3\nnot read\n5', { maxRows: 2 }));
    expect(error).toBe('The file has 5 rows; the limit is 2.');
  });

  it('at the default limit of 100 000 rows', () => {
    const text = '1,2\n'.repeat(MAX_CSV_ROWS + 1);
    expect(refused(parsePointsCsv(text))).toBe('The file has 100 001 rows; the limit is 100 000.');
  });

  it('when the text is longer than allowed, before reading it', () => {
    expect(refused(parsePointsCsv('1,2\n3,4\n', { maxBytes: 5 }))).toBe(
      'The file is 8 bytes, larger than the 5 bytes limit.',
    );
    expect(refused(parsePointsCsv('1\n'.repeat(1500), { maxBytes: 2048 }))).toBe(
      'The file is 2.9 KB, larger than the 2 KB limit.',
    );
    expect(accepted(parsePointsCsv('1,2\n3,4\n', { maxBytes: 8 })).rows).toBe(2);
    const huge = 'x'.repeat(MAX_CSV_BYTES + 1);
    expect(refused(parsePointsCsv(huge))).toBe('The file is larger than the 10 MB limit.');
    expect(refused(parsePointsCsv(`${huge}${'x'.repeat(2 * 1024 * 1024)}`))).toBe(
      'The file is 12 MB, larger than the 10 MB limit.',
    );
  });

  it('falls back to the default limits for nonsensical options', () => {
    expect(accepted(parsePointsCsv('1\n2', { maxRows: Number.NaN, maxBytes: -1 })).rows).toBe(2);
  });

  it('never throws, even for input that is not text', () => {
    expect(refused(parsePointsCsv(undefined as unknown as string))).toMatch(/not text/);
    expect(refused(parsePointsCsv('\u0001,\uD800'))).toMatch(/line 1/);
    expect(refused(parsePointsCsv('\u0000\u0001,\uD800'))).toMatch(/NUL characters.*binary file/);
  });
});

// Sizes at the limits; their speed is a benchmark's business (bench/micro.ts), not a test's.
describe('parsePointsCsv at its limits', () => {
  it('parses a 100 000-row file', () => {
    const lines = ['x,y'];
    for (let i = 0; i < MAX_CSV_ROWS; i++) lines.push(`${(i * 0.001).toFixed(3)},${-i % 997}`);
    const text = lines.join('\r\n');
    const result = accepted(parsePointsCsv(text));
    expect(result.rows).toBe(MAX_CSV_ROWS);
    expect(result.points.values).toHaveLength(2 * MAX_CSV_ROWS);
    expect(result.points.values[2 * 99_999]).toBeCloseTo(99.999, 3);
  });

  it('refuses one enormous line with its column count', () => {
    const error = refused(parsePointsCsv(`1 ${'2 '.repeat(1_000_000)}`));
    expect(error).toMatch(/Found 1 000 001 columns on line 1/);
  });
});
