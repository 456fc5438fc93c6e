import { FORMAT_VERSION } from '../document';
import { formatInfoValue, splitInfo } from './info-string';
import type { RawBlock, RawNotebook } from './raw';

/**
 * How files written by older versions of the format become the current one. Each migration
 * takes the raw structure of version `from` to `from + 1`; the reader applies them in a row and
 * then knows only the current format. Adding a version means: bump FORMAT_VERSION, append one
 * migration here, add an old file and its expected document to the tests.
 */

export interface Migration {
  /** the version this migration reads; it produces `from + 1` */
  readonly from: number;
  /** what changed, shown to the user in the note that the file was upgraded */
  readonly summary: string;
  /** rewrites the structure; the reader sets the version to `from + 1` afterwards */
  readonly migrate: (raw: RawNotebook) => RawNotebook;
}

const KINDS = new Set(['sql', 'ts', 'input']);

/**
 * Version 0 (the prototype's files) wrote `sql #c1 indicators collapsed` as a cell's info
 * string, `<!-- #intro -->` as a markdown cell's marker, called the title `name` and the
 * parameters section `params`.
 */
const version0: Migration = {
  from: 0,
  summary: 'cells written as `sql #id name` became `sql cell=id name=name`',
  migrate(raw) {
    const { name, ...rest } = raw.frontMatter;
    const frontMatter = 'title' in rest || name === undefined ? rest : { ...rest, title: name };
    return { version: raw.version, frontMatter, blocks: raw.blocks.map(migrateBlock0) };
  },
};

function migrateBlock0(block: RawBlock): RawBlock {
  if (block.type === 'comment') {
    const match = /^#(\S+)(.*)$/.exec(block.inner);
    return match ? { ...block, inner: `cell ${match[1]}${match[2]}` } : block;
  }
  if (block.type !== 'fence') return block;
  if (block.info === 'yaml tierbook=params') return { ...block, info: 'yaml tierbook=parameters' };
  const [kind, ...rest] = splitInfo(block.info).words;
  if (!kind || kind.key !== null || !KINDS.has(kind.value)) return block;
  const words = [kind.value];
  let named = false;
  for (const word of rest) {
    if (word.key !== null) words.push(`${word.key}=${formatInfoValue(word.value)}`);
    else if (word.value.startsWith('#') && !word.quoted) words.push(`cell=${formatInfoValue(word.value.slice(1))}`);
    else if (word.value === 'collapsed' && !word.quoted) words.push('collapsed');
    else if (!named) (words.push(`name=${formatInfoValue(word.value)}`), (named = true));
    else words.push(formatInfoValue(word.value));
  }
  return { ...block, info: words.join(' ') };
}

/** Every migration, by the version it reads: MIGRATIONS[n].from === n. */
export const MIGRATIONS: readonly Migration[] = [version0];

/** Brings a raw notebook of an older version to FORMAT_VERSION; newer or unknown ones are left as they are. */
export function migrate(raw: RawNotebook): { readonly raw: RawNotebook; readonly applied: readonly Migration[] } {
  const applied: Migration[] = [];
  let current = raw;
  while (current.version < FORMAT_VERSION) {
    const migration = MIGRATIONS.find((m) => m.from === current.version);
    if (!migration) break;
    current = { ...migration.migrate(current), version: migration.from + 1 };
    applied.push(migration);
  }
  return { raw: current, applied };
}
