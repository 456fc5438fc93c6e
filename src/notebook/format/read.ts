import { FORMAT_VERSION, type NotebookDocument } from '../document';
import { buildBlocks } from './build';
import { readFrontMatter } from './front-matter';
import { identifyCells } from './identity';
import { parseInputSpec } from './input-spec';
import { migrate } from './migrations';
import { formatError, formatNote, shiftProblem, type FormatProblem } from './problems';
import type { RawNotebook } from './raw';
import { scanBlocks } from './scan';
import { readSections } from './sections-read';

/**
 * A notebook file read into a document, with everything the reader had to work around. It
 * accepts any text (a hand-edited file, another program's Markdown, garbage) and never throws:
 * what it cannot read becomes a problem with a line, and the rest is kept.
 */
export interface ReadResult {
  readonly document: NotebookDocument;
  /** in line order */
  readonly problems: readonly FormatProblem[];
}

export function readNotebook(text: string): ReadResult {
  try {
    return readText(text);
  } catch (e) {
    // A bug in the reader must not cost the user the app: say so, and show an empty notebook.
    const message = e instanceof Error ? e.message : String(e);
    return { document: emptyDocument(''), problems: [formatError(1, `the reader failed on this file (${message}); please report it`)] };
  }
}

function readText(text: string): ReadResult {
  const problems: FormatProblem[] = [];
  const withoutBom = text.startsWith('\uFEFF') ? text.slice(1) : text;
  if (/\r/.test(withoutBom)) problems.push(formatNote(1, 'CRLF (or CR) line endings; the file will be saved with LF'));
  const lines = withoutBom.replace(/\r\n?/g, '\n').split('\n');

  const front = readFrontMatter(lines);
  problems.push(...front.problems);
  const { tierbook, ...frontMatter } = front.fields;
  const raw: RawNotebook = {
    version: declaredVersion(tierbook, front.lineCount > 0, problems),
    frontMatter,
    blocks: scanBlocks(lines.slice(front.lineCount), front.lineCount + 1),
  };
  const { raw: current, applied } = migrate(raw);
  for (const m of applied) problems.push(formatNote(1, `upgraded from format version ${m.from} to ${m.from + 1}: ${m.summary}`));

  const { title, ...unknown } = current.frontMatter;
  for (const key of Object.keys(unknown)) problems.push(formatError(2, `unknown front matter key \`${key}\` is ignored (saving drops it)`));
  const built = buildBlocks(current.blocks);
  problems.push(...built.problems);
  const identified = identifyCells(built.cells);
  problems.push(...identified.problems);
  const sections = readSections(built.sections);
  problems.push(...sections.problems);

  for (const [i, cell] of identified.cells.entries()) {
    if (cell.kind !== 'input') continue;
    const spec = parseInputSpec(cell.source);
    // an empty source has no line of its own: point at the fence
    if ('error' in spec) problems.push(shiftProblem(spec.error, built.cells[i]!.line - (cell.source === '' ? 1 : 0)));
  }
  const document: NotebookDocument = {
    ...emptyDocument(titleText(title)),
    cells: identified.cells,
    ...sections.sections,
  };
  return { document, problems: problems.map((p, i) => [p, i] as const).sort(([a, i], [b, j]) => a.line - b.line || i - j).map(([p]) => p) };
}

function emptyDocument(title: string): NotebookDocument {
  return { version: FORMAT_VERSION, title, cells: [], parameterSets: {}, data: [], environment: null, digests: {} };
}

function titleText(title: unknown): string {
  if (title === undefined || title === null) return '';
  return typeof title === 'string' ? title : String(title);
}

/** The version the file declares; files that declare none are taken as the current version. */
function declaredVersion(tierbook: unknown, hasFrontMatter: boolean, problems: FormatProblem[]): number {
  if (tierbook === undefined) {
    const where = hasFrontMatter ? 'the front matter has no `tierbook:` version' : 'no front matter with a `tierbook:` version';
    problems.push(formatNote(1, `${where}; read as format version ${FORMAT_VERSION}`));
    return FORMAT_VERSION;
  }
  if (typeof tierbook !== 'number' || !Number.isInteger(tierbook) || tierbook < 0) {
    problems.push(formatError(2, `\`tierbook: ${String(tierbook)}\` is not a format version (a whole number); read as version ${FORMAT_VERSION}`));
    return FORMAT_VERSION;
  }
  if (tierbook > FORMAT_VERSION) {
    problems.push(
      formatError(
        2,
        `this file is format version ${tierbook}, written by a newer Tierbook; this one reads up to version ${FORMAT_VERSION}. ` +
          'It was read as well as it could be; update Tierbook before saving it, or saving may lose what the newer version added',
      ),
    );
    return FORMAT_VERSION;
  }
  return tierbook;
}
