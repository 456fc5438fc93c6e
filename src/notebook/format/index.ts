/**
 * The notebook file format: one Markdown file per notebook (see README.md here for the spec).
 */
export { readNotebook, type ReadResult } from './read';
export { writeNotebook } from './write';
export { inputSpecOf, parseInputSpec } from './input-spec';
export { withInputValue } from './input-value';
export { notebookContentHash } from './content-hash';
export { normaliseProse } from './prose';
export { isValidId, isValidName } from './names';
export { MIGRATIONS, type Migration } from './migrations';
export type { RawBlock, RawNotebook } from './raw';
export type { FormatProblem, ProblemSeverity } from './problems';
