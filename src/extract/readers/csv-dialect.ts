/**
 * Detects a CSV file's delimiter and whether it has a header, from its first lines. DuckDB's own
 * sniffer (1.4) picks a wrong delimiter on small files with ragged rows, so the choice is made
 * here, predictably, shown to the user and overridable; DuckDB then parses with explicit options.
 */

export interface CsvDialect {
  readonly delimiter: string;
  /** quote character, or '' for none */
  readonly quote: string;
  readonly header: boolean;
}

const CANDIDATES = [',', '\t', ';', '|'] as const;
const SAMPLE_LINES = 50;

/** Splits one record into fields, honouring double quotes ("" inside quotes is a quote). */
export function splitRecord(line: string, delimiter: string, quote = '"'): string[] {
  const fields: string[] = [];
  let field = '';
  let inQuotes = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quote && ch === quote) {
      if (inQuotes && line[i + 1] === quote) {
        field += quote;
        i++;
      } else {
        inQuotes = !inQuotes;
      }
    } else if (ch === delimiter && !inQuotes) {
      fields.push(field);
      field = '';
    } else {
      field += ch;
    }
  }
  fields.push(field);
  return fields;
}

/** The first non-blank lines of a text, without line ends. */
export function firstLines(text: string, count = SAMPLE_LINES): string[] {
  const lines: string[] = [];
  for (const line of text.split(/\r\n|\n|\r/)) {
    if (line.trim() === '') continue;
    lines.push(line);
    if (lines.length >= count) break;
  }
  return lines;
}

/** How consistently `delimiter` splits the lines: the commonest field count and its share. */
function consistency(lines: readonly string[], delimiter: string): { fields: number; share: number } {
  const counts = new Map<number, number>();
  for (const line of lines) {
    const n = splitRecord(line, delimiter).length;
    counts.set(n, (counts.get(n) ?? 0) + 1);
  }
  let fields = 1;
  let best = 0;
  for (const [n, c] of counts) {
    if (c > best || (c === best && n > fields)) {
      fields = n;
      best = c;
    }
  }
  return { fields, share: lines.length ? best / lines.length : 0 };
}

const NUMERIC_OR_DATE = /^[\s"]*[+-]?(\d[\d,]*(\.\d+)?%?|\d{4}[-/.]\d{1,2}[-/.]\d{1,2})[\s"]*$/;

/** A header row is text: if the first row has a number or a date in it, there is no header. */
function hasHeader(lines: readonly string[], delimiter: string): boolean {
  const first = lines[0];
  if (first === undefined) return true;
  return !splitRecord(first, delimiter).some((f) => NUMERIC_OR_DATE.test(f));
}

/** Detects the dialect of a CSV text sample (the start of the file, decoded). */
export function detectDialect(sample: string): CsvDialect {
  const lines = firstLines(sample);
  let delimiter: string = ',';
  let bestScore = 0;
  for (const candidate of CANDIDATES) {
    const { fields, share } = consistency(lines, candidate);
    if (fields < 2) continue;
    const score = share * 1000 + Math.min(fields, 999);
    if (score > bestScore) {
      bestScore = score;
      delimiter = candidate;
    }
  }
  return { delimiter, quote: '"', header: hasHeader(lines, delimiter) };
}
