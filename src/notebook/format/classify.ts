import { splitInfo, type InfoWord } from './info-string';

/**
 * What a fence or a comment means in a notebook file. The reader and the writer both ask here:
 * the writer escapes exactly the prose blocks the reader would otherwise take for cells, so
 * prose survives a save whatever it contains.
 */

export const CODE_KINDS = ['sql', 'ts', 'input'] as const;
export type CodeKind = (typeof CODE_KINDS)[number];

/** The machine sections, in the order the writer puts them at the end of the file. */
export const SECTION_NAMES = ['parameters', 'data', 'environment', 'digests'] as const;
export type SectionName = (typeof SECTION_NAMES)[number];

/** The comment the writer puts before a prose block that would otherwise read as a cell. */
export const ESCAPE_INNER = 'not a cell';
export const ESCAPE_LINE = `<!-- ${ESCAPE_INNER} -->`;

export type FenceRole =
  | { readonly role: 'cell'; readonly kind: CodeKind; readonly words: readonly InfoWord[]; readonly problems: readonly string[] }
  | { readonly role: 'section'; readonly name: SectionName }
  /** looks like a cell or section but is not one: stays prose, and the reader says why */
  | { readonly role: 'misfit'; readonly message: string }
  | { readonly role: 'prose' };

const isCodeKind = (word: string): word is CodeKind => (CODE_KINDS as readonly string[]).includes(word);
const isSection = (word: string): word is SectionName => (SECTION_NAMES as readonly string[]).includes(word);

/** The role of a top-level fence with this (trimmed) info string. */
export function fenceRole(info: string): FenceRole {
  const { words, problems } = splitInfo(info);
  const [first, ...rest] = words;
  if (!first) return { role: 'prose' };
  const bare = first.key === null && !first.quoted ? first.value : null;
  if (bare !== null && isCodeKind(bare)) return { role: 'cell', kind: bare, words: rest, problems };
  const section = words.find((w) => w.key === 'tierbook');
  if (section) {
    if (bare === 'yaml' && isSection(section.value)) return { role: 'section', name: section.value };
    if (bare !== 'yaml') return { role: 'misfit', message: `a \`tierbook=${section.value}\` section must be a \`yaml\` block` };
    return { role: 'misfit', message: `unknown section \`tierbook=${section.value}\` (sections: ${SECTION_NAMES.join(', ')})` };
  }
  if (words.some((w) => w.key === 'cell' || w.key === 'name')) {
    const kind = bare ?? info.split(/\s/)[0];
    return { role: 'misfit', message: `unknown cell kind \`${kind}\` (kinds: ${CODE_KINDS.join(', ')})` };
  }
  return { role: 'prose' };
}

export type CommentRole =
  | { readonly role: 'marker'; readonly words: readonly InfoWord[]; readonly problems: readonly string[] }
  | { readonly role: 'escape' }
  | { readonly role: 'prose' };

/** The role of a top-level one-line HTML comment with this (trimmed) inner text. */
export function commentRole(inner: string): CommentRole {
  if (inner === ESCAPE_INNER) return { role: 'escape' };
  const match = /^cell(?:[ \t]+([\s\S]*))?$/.exec(inner);
  if (!match) return { role: 'prose' };
  const { words, problems } = splitInfo(match[1] ?? '');
  return { role: 'marker', words, problems };
}
