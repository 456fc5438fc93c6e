/**
 * Formula injection (OWASP "CSV Injection"): a spreadsheet turns a cell whose text starts with
 * `=`, `+`, `-` or `@` into a formula (`=HYPERLINK(...)`, `=cmd|' /c calc'!A1`), and a leading tab or
 * carriage return can hide such a start. Customer names, notes and remarks come from bank extracts
 * that anyone upstream could have typed into, so every exported TEXT cell that could start a formula
 * gets a leading `'`: Excel and LibreOffice read `'=1+1` as the text `=1+1` (the quote marks "this is
 * text" and is not shown when typed; in a file it is kept, the price of a safe file).
 *
 * Only text is guarded. A number is written as a number and never prefixed, so `-12.5` stays a
 * number a user can sum; the text `"-12"` is text and IS prefixed.
 *
 * Choice beyond OWASP's list: text whose first non-blank character is a trigger (`  =1+1`,
 * `\u3000@x`) is guarded too, because importers differ on trimming leading blanks (LibreOffice's
 * "trim spaces" import option, Excel's Text Import Wizard) and a trimmed cell would start a formula.
 * Full-width `＝＋－＠` are left alone: no spreadsheet evaluates them, and Chinese text uses them.
 */

/** Characters that start a formula, per OWASP: = + - @ tab CR. */
const TRIGGERS = new Set(['=', '+', '-', '@', '\t', '\r']);

/** Whether `text` would be read as a formula (after any leading blanks) by a spreadsheet. */
export function startsFormula(text: string): boolean {
  for (const ch of text) {
    if (TRIGGERS.has(ch)) return true;
    // blanks an importer might trim (space, LF, NBSP, U+3000 …); any other character ends the check
    if (!/\s/.test(ch)) return false;
  }
  return false;
}

/** `text`, with a leading `'` if a spreadsheet would read it as a formula. */
export function guardFormula(text: string): string {
  return startsFormula(text) ? `'${text}` : text;
}
