/**
 * Reads the user's own points from CSV-like text (an uploaded file or a pasted table).
 *
 * Pure TypeScript without tfjs, DOM or Node APIs: the UI parses a file on the main thread to
 * show errors immediately, and the same code runs in tests. The parser never throws; every
 * refusal is one sentence that tells the user which line to fix, because the message is shown
 * as-is next to the upload control.
 */

/**
 * The most data rows (points) one file may hold; more would make the plots slow to draw and
 * add nothing a GAN of playground size can learn.
 */
export const MAX_CSV_ROWS = 100_000;

/** The longest text accepted, in UTF-16 code units (≈ bytes for plain numeric text): 10 MiB. */
export const MAX_CSV_BYTES = 10 * 1024 * 1024;

/**
 * The largest magnitude a coordinate may have. Points are stored as 32-bit floats, which
 * overflow to Infinity near 3.4e38, and a GAN cannot learn a cloud spread over many orders of
 * magnitude anyway; beyond a million the user almost certainly loaded the wrong column.
 */
export const MAX_ABS_COORDINATE = 1e6;

/** What reading a points file gave: the points, or one sentence saying what to fix. */
export type CsvResult =
  | {
      ok: true;
      /** The points, row-major `rows × dimension`. */
      points: { dimension: 1 | 2; values: Float32Array };
      /** Number of points read. */
      rows: number;
      /** Column names from the header line, or null when the file has none. */
      header: string[] | null;
    }
  | {
      ok: false;
      /** One sentence for the user naming the problem and, where there is one, the line (1-based). */
      error: string;
    };

/** How fields are separated; 'any' while the first data row has a single column. */
type Separator = '\t' | ';' | ',' | 'spaces' | 'any';

/** A decimal number as people write it: unlike `Number`, no hex, no empty string, no letters. */
const NUMBER_PATTERN = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
/** Non-finite values as spreadsheets and numpy write them; refused with their own message. */
const NON_FINITE_PATTERN = /^[+-]?(?:nan|inf|infinity)$/i;
/** A number written with a decimal comma, to suggest the fix instead of just "not a number". */
const DECIMAL_COMMA_PATTERN = /^[+-]?\d+,\d+$/;
const LETTER_PATTERN = /\p{L}/u;
/** A line that holds anything besides whitespace, for counting rows past the limit cheaply. */
const NON_BLANK = /\S/;

/** Groups digits by thousands with spaces ("100 000"), as the messages are read by people. */
function groupDigits(value: number): string {
  return String(value).replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
}

/** Formats a size in code units (≈ bytes) in the unit people expect for it. */
function formatSize(length: number): string {
  if (length < 1024) return `${length} bytes`;
  const [value, unit] = length < 1024 * 1024 ? [length / 1024, 'KB'] : [length / 1024 ** 2, 'MB'];
  return `${Number(value.toFixed(1))} ${unit}`;
}

/** Shortens a field for quoting in a message, so a megabyte-long garbage line stays readable. */
function quote(field: string): string {
  return `"${field.length > 24 ? `${field.slice(0, 24)}…` : field}"`;
}

function plural(count: number, noun: string): string {
  return `${groupDigits(count)} ${noun}${count === 1 ? '' : 's'}`;
}

/** Picks the separator a line uses: the most specific one present wins, spaces last. */
function detectSeparator(line: string): Separator {
  if (line.includes('\t')) return '\t';
  if (line.includes(';')) return ';';
  if (line.includes(',')) return ',';
  if (/\s/.test(line)) return 'spaces';
  // One column: later lines may still show a separator, which then reads as a ragged row.
  return 'any';
}

function isSeparatorChar(char: string, separator: Separator): boolean {
  switch (separator) {
    case 'spaces':
      return char === ' ' || char === '\t';
    case 'any':
      return char === ' ' || char === '\t' || char === ';' || char === ',';
    default:
      return char === separator;
  }
}

/**
 * Splits a trimmed line into trimmed fields, ignoring separators inside double quotes so that a
 * quoted "1,5" stays one field (and gets the decimal-comma hint). Runs of blanks count as one
 * separator, as in space-aligned tables; commas, semicolons and tabs do not collapse, so ",,"
 * holds an empty field.
 */
function splitFields(line: string, separator: Separator): string[] {
  const fields: string[] = [];
  const collapses = separator === 'spaces' || separator === 'any';
  let start = 0;
  let inQuotes = false;
  for (let i = 0; i < line.length; i++) {
    const char = line[i]!;
    if (char === '"') {
      inQuotes = !inQuotes;
      continue;
    }
    if (inQuotes || !isSeparatorChar(char, separator)) continue;
    fields.push(line.slice(start, i));
    if (collapses) {
      // Swallow the whole run: blanks and, in 'any' mode, at most one ',' or ';' among them,
      // so "1 , 2" is two fields while "1,,2" still shows its empty field.
      let hard = char === ',' || char === ';';
      while (i + 1 < line.length) {
        const following = line[i + 1];
        if (following === ' ' || following === '\t') i++;
        else if (separator === 'any' && !hard && (following === ',' || following === ';')) {
          hard = true;
          i++;
        } else break;
      }
    }
    start = i + 1;
  }
  fields.push(line.slice(start));
  return fields.map(unquote);
}

/** Trims a field and removes one pair of surrounding double quotes, as spreadsheets write them. */
function unquote(field: string): string {
  const trimmed = field.trim();
  if (trimmed.length >= 2 && trimmed.startsWith('"') && trimmed.endsWith('"')) {
    return trimmed.slice(1, -1).trim();
  }
  return trimmed;
}

/** A header line has a field that is no kind of number (finite or not) and some letter. */
function isHeader(fields: readonly string[], line: string): boolean {
  const hasWord = fields.some((f) => !NUMBER_PATTERN.test(f) && !NON_FINITE_PATTERN.test(f));
  return hasWord && LETTER_PATTERN.test(line);
}

/** Checks one field; returns its value or the sentence to show. */
function readValue(field: string, lineNumber: number, separator: Separator): number | string {
  if (field === '') return `Found an empty value on line ${lineNumber}.`;
  if (NON_FINITE_PATTERN.test(field)) {
    return `${quote(field)} on line ${lineNumber} is not a finite number; every coordinate must be finite.`;
  }
  if (!NUMBER_PATTERN.test(field)) {
    if (DECIMAL_COMMA_PATTERN.test(field) && separator !== ',') {
      return `${quote(field)} on line ${lineNumber} is not a number; write decimals with a point (1.5), not a comma.`;
    }
    return `${quote(field)} on line ${lineNumber} is not a number.`;
  }
  const value = Number(field);
  if (!Number.isFinite(value) || Math.abs(value) > MAX_ABS_COORDINATE) {
    const limit = groupDigits(MAX_ABS_COORDINATE);
    return `${quote(field)} on line ${lineNumber} is too large; coordinates must lie between −${limit} and ${limit}.`;
  }
  return value;
}

/**
 * Reads points from CSV-like text: one point per line, 1 column (x) or 2 (x, y), separated by
 * commas, semicolons, tabs or runs of spaces (detected from the first data line). An optional
 * header on the first non-blank line, blank lines, CRLF line ends, a UTF-8 byte-order mark and
 * double-quoted numbers are accepted. Everything else — a non-numeric, non-finite or huge
 * value, a row whose column count differs from the first data row, more than 2 columns, fewer
 * than 2 points, more than `maxRows` points or text longer than `maxBytes` — is refused with
 * a sentence naming the line. Never throws; time is linear in the text length.
 */
export function parsePointsCsv(
  text: string,
  options?: { maxRows?: number; maxBytes?: number },
): CsvResult {
  try {
    return parse(text, options);
  } catch {
    // Unreachable by design; the UI calls this from an event handler, where a throw would be
    // lost, so a generic refusal is better than a silent failure.
    return { ok: false, error: 'The file could not be read as a table of numbers.' };
  }
}

function parse(text: string, options?: { maxRows?: number; maxBytes?: number }): CsvResult {
  if (typeof text !== 'string') return { ok: false, error: 'The file is not text.' };
  const maxRows = validLimit(options?.maxRows, MAX_CSV_ROWS);
  const maxBytes = validLimit(options?.maxBytes, MAX_CSV_BYTES);
  // Before any splitting, so an oversized file costs no time or memory.
  const tooLarge = sizeError(text.length, maxBytes);
  if (tooLarge !== null) return { ok: false, error: tooLarge };
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  // A pasted binary file or a JSON document would otherwise be refused as "not a number" on
  // line 1, which does not tell the user that they picked the wrong kind of file.
  const wrongKind = notATable(body);
  if (wrongKind !== null) return { ok: false, error: wrongKind };

  const values: number[] = [];
  let header: string[] | null = null;
  let separator: Separator | null = null;
  let columns = 0;
  let firstDataLine = 0;
  let rows = 0;
  let seenNonBlank = false;
  let lineNumber = 0;
  let start = 0;
  // Lines are visited one at a time instead of split() into an array, so a file past the row
  // limit is only counted, not materialised.
  const lineBreak = /\r\n|\n|\r/g;

  while (start <= body.length) {
    const match = lineBreak.exec(body);
    const end = match === null ? body.length : match.index;
    const next = match === null ? body.length + 1 : match.index + match[0].length;
    lineNumber++;
    const line = body.slice(start, end).trim();
    start = next;
    if (line === '') continue;

    if (!seenNonBlank) {
      seenNonBlank = true;
      const fields = splitFields(line, detectSeparator(line));
      if (isHeader(fields, line)) {
        header = fields;
        continue;
      }
    }

    rows++;
    if (rows > maxRows) {
      // Count the rest without parsing, so the message can say how many rows there are.
      while (start <= body.length) {
        const rest = lineBreak.exec(body);
        const restEnd = rest === null ? body.length : rest.index;
        if (NON_BLANK.test(body.slice(start, restEnd))) rows++;
        start = rest === null ? body.length + 1 : rest.index + rest[0].length;
      }
      return {
        ok: false,
        error: `The file has ${plural(rows, 'row')}; the limit is ${groupDigits(maxRows)}.`,
      };
    }

    if (separator === null) separator = detectSeparator(line);
    const fields = splitFields(line, separator);
    if (fields.length > 2) {
      return {
        ok: false,
        error: `Found ${plural(fields.length, 'column')} on line ${lineNumber}; points need 1 column (x) or 2 (x, y).`,
      };
    }
    if (columns === 0) {
      columns = fields.length;
      firstDataLine = lineNumber;
    } else if (fields.length !== columns) {
      // A line written with another separator is the usual cause; saying so saves a puzzle.
      const own = detectSeparator(line);
      const hint = own !== separator && own !== 'any' ? ' (it seems to use another separator)' : '';
      return {
        ok: false,
        error: `Expected ${plural(columns, 'column')} on line ${lineNumber}, like the first data row (line ${firstDataLine}), but found ${fields.length}${hint}.`,
      };
    }
    for (const field of fields) {
      const value = readValue(field, lineNumber, separator);
      if (typeof value === 'string') return { ok: false, error: value };
      values.push(value);
    }
  }

  if (rows === 0) {
    return {
      ok: false,
      error:
        header === null
          ? 'The file has no data rows.'
          : 'The file has only a header line and no data rows.',
    };
  }
  if (rows < 2) {
    return { ok: false, error: 'The file has only 1 data row; at least 2 points are needed.' };
  }
  const dimension = columns === 1 ? 1 : 2;
  return { ok: true, points: { dimension, values: Float32Array.from(values) }, rows, header };
}

/** Why a text is some other kind of file than a table, or null when it may be one. */
function notATable(body: string): string | null {
  if (body.includes('\u0000')) {
    return 'The text holds NUL characters, so it is a binary file, not a table of numbers.';
  }
  const first = body.trimStart().charAt(0);
  if (first !== '{' && first !== '[') return null;
  // Only the head is searched: the fields that tell the two JSON files apart come first.
  const head = body.slice(0, 4096);
  if (head.includes('gan-playground-config')) {
    return 'This is a GAN Playground config (JSON), not a table of points; import it under Share & export → Import config.';
  }
  if (head.includes('"modelTopology"') || head.includes('"weightsManifest"')) {
    return "This is a generator's model.json, not a table of points; load it under Share & export → Load generator.";
  }
  return 'This is JSON, not a table of points.';
}

/** Uses a caller's limit when it is a sensible count, the default otherwise (never throws). */
function validLimit(value: number | undefined, fallback: number): number {
  return typeof value === 'number' && value >= 0 && !Number.isNaN(value) ? value : fallback;
}

/**
 * The refusal for an upload of `size` bytes (or characters) over `limit`, or null when it fits.
 * Callers check a File's size with it before reading a single byte, so a 50 MB file costs
 * nothing.
 */
export function sizeError(size: number, limit: number): string | null {
  if (!(size > limit)) return null;
  // Rounded sizes can read the same ("10 MB, over the 10 MB limit"), so then say only "larger".
  return formatSize(size) === formatSize(limit)
    ? `The file is larger than the ${formatSize(limit)} limit.`
    : `The file is ${formatSize(size)}, larger than the ${formatSize(limit)} limit.`;
}

/** How many leading bytes of an upload {@link sniffUpload} needs to see. */
export const SNIFF_BYTES = 4096;

/** The text encodings an upload may use (the names TextDecoder takes). */
export type UploadEncoding = 'utf-8' | 'utf-16le' | 'utf-16be';

/** What the first bytes of an upload say: text in an encoding, or which binary kind it is. */
export type UploadSniff =
  | { ok: true; encoding: UploadEncoding }
  | {
      ok: false;
      /** The kind of file, in user words ("a PNG image"), to say what was picked instead. */
      kind: string;
    };

/** Magic numbers of files people pick by mistake, with what to call them. */
const SIGNATURES: readonly (readonly [readonly number[], string])[] = [
  [[0x89, 0x50, 0x4e, 0x47], 'a PNG image'],
  [[0xff, 0xd8, 0xff], 'a JPEG image'],
  [[0x47, 0x49, 0x46, 0x38], 'a GIF image'],
  [[0x25, 0x50, 0x44, 0x46], 'a PDF document'],
  // Excel's .xlsx and LibreOffice's .ods are zip archives: the likeliest wrong pick for a table.
  [[0x50, 0x4b, 0x03, 0x04], 'a zip archive (an .xlsx or .ods spreadsheet is one too)'],
  [[0x50, 0x4b, 0x05, 0x06], 'an empty zip archive'],
  [[0x1f, 0x8b], 'a gzip archive'],
  [[0xd0, 0xcf, 0x11, 0xe0], 'an old Office file (.xls or .doc)'],
];

/**
 * The encoding of an upload from its first bytes ({@link SNIFF_BYTES} are enough): a UTF-16
 * byte-order mark, or UTF-16 without one (ASCII text then has a NUL in every other byte, as
 * Excel's "Unicode text" export writes it), else UTF-8. A known binary signature or any other
 * NUL byte means it is not text at all. Pure; never throws.
 */
export function sniffUpload(head: Uint8Array): UploadSniff {
  for (const [signature, kind] of SIGNATURES) {
    if (signature.every((byte, i) => head[i] === byte)) return { ok: false, kind };
  }
  if (head[0] === 0xff && head[1] === 0xfe) return { ok: true, encoding: 'utf-16le' };
  if (head[0] === 0xfe && head[1] === 0xff) return { ok: true, encoding: 'utf-16be' };
  const length = Math.min(head.length, SNIFF_BYTES) & ~1;
  let evenNuls = 0;
  let oddNuls = 0;
  for (let i = 0; i < length; i++) {
    if (head[i] === 0) {
      if (i % 2 === 0) evenNuls++;
      else oddNuls++;
    }
  }
  // Mostly: a non-ASCII character (a letter with an accent in a header) has no NUL byte.
  const half = length / 4;
  if (evenNuls === 0 && oddNuls > half) return { ok: true, encoding: 'utf-16le' };
  if (oddNuls === 0 && evenNuls > half) return { ok: true, encoding: 'utf-16be' };
  if (head.subarray(0, SNIFF_BYTES).includes(0)) {
    return { ok: false, kind: 'a binary file (it holds NUL bytes)' };
  }
  return { ok: true, encoding: 'utf-8' };
}

/** What a points file should look like, for messages about a wrong one. */
export const POINTS_FILE_HINT =
  'A points file is plain text (.csv or .txt) with one point per line: x, or x and y separated by a comma, e.g. "0.5,1.2"; a header line such as "x,y" is optional.';
