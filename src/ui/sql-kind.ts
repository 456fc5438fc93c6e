/** Statements that only read: anything else (UPDATE, INSERT, CREATE, DROP...) may have changed a table. */
const READ_ONLY = /^\s*(select|with|from|describe|show|explain|summarize|values|table)\b/i;

/** Whether a statement the user ran may have changed data (so what reads the tables must run again). */
export function mayWrite(sql: string): boolean {
  return sql.split(';').some((statement) => statement.trim() !== '' && !READ_ONLY.test(statement.replace(/^(\s*--[^\n]*\n)+/, '')));
}
