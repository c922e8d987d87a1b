/**
 * RFC 4180 CSV: records end with CRLF; a field holding a comma, a double quote, CR or LF is
 * enclosed in double quotes with inner quotes doubled; null/undefined is an empty field.
 *
 * Every CSV the hub writes goes through `csvField`, which also neutralises spreadsheet formula
 * injection (OWASP "CSV Injection"): a text cell that starts with `=`, `+`, `-`, `@`, a tab or a
 * carriage return is written with a leading apostrophe (`'`), so a spreadsheet shows it as text
 * instead of evaluating it. That includes E.164 phone numbers (`'+84912345678`): a loader that
 * wants the stored value strips one leading apostrophe from such cells (`csvUnneutralise`), or
 * reads the NDJSON form, which is never altered. Numbers and booleans are written as they are.
 */
export type CsvValue = string | number | boolean | null | undefined;

const NEEDS_QUOTES = /[",\r\n]/;
const FORMULA_START = /^[=+\-@\t\r]/;

/** The cell text with a leading apostrophe if a spreadsheet would read it as a formula. */
export function neutraliseCsvFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** Undoes `neutraliseCsvFormula` on a cell read back (for loaders and tests). */
export function csvUnneutralise(cell: string): string {
  return cell.length > 1 && cell.startsWith("'") && FORMULA_START.test(cell.slice(1)) ? cell.slice(1) : cell;
}

export function csvField(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'string' ? neutraliseCsvFormula(value) : String(value);
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One CSV record with its CRLF terminator. */
export function csvRecord(values: readonly CsvValue[]): string {
  return values.map(csvField).join(',') + '\r\n';
}

/**
 * Parses RFC 4180 text into records (for tests and tools that read exports back). Quoted fields
 * may hold commas, quotes and line breaks; a final record without CRLF is accepted.
 */
export function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
      } else {
        field += c;
      }
      i++;
      continue;
    }
    if (c === '"' && field === '') {
      quoted = true;
    } else if (c === ',') {
      record.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      i++;
    } else if (c === '\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
    } else {
      field += c;
    }
    i++;
  }
  if (quoted) throw new Error('Unterminated quoted CSV field');
  if (field !== '' || record.length > 0) {
    record.push(field);
    records.push(record);
  }
  return records;
}
