import { FORMAT_VERSION, type Cell, type NotebookDocument } from '../document';
import { SECTION_NAMES } from './classify';
import { fencedBlock } from './fence';
import { writeFrontMatter } from './front-matter';
import { formatInfoValue } from './info-string';
import { escapedProse } from './prose';
import { sectionText } from './sections-write';

/**
 * The notebook as its file: front matter, the cells in order, then the machine sections in a
 * fixed order, one blank line between blocks, LF line endings, one newline at the end. The
 * output depends only on the document (no dates, no environment reads), so saving an unchanged
 * notebook gives the same bytes. Always writes the current FORMAT_VERSION.
 */
export function writeNotebook(doc: NotebookDocument): string {
  const blocks = doc.cells.map(cellText);
  for (const name of SECTION_NAMES) {
    const text = sectionText(name, doc);
    if (text !== null) blocks.push(fencedBlock(`yaml tierbook=${name}`, text.replace(/\n$/, '')));
  }
  return writeFrontMatter(FORMAT_VERSION, doc.title) + blocks.map((b) => `\n${b}\n`).join('');
}

const lf = (text: string) => text.replace(/\r\n?/g, '\n');

function cellText(cell: Cell): string {
  const collapsed = cell.collapsed ? ' collapsed' : '';
  if (cell.kind === 'markdown') {
    const prose = escapedProse(cell.source);
    const marker = `<!-- cell ${formatInfoValue(cell.id, ['collapsed'])}${collapsed} -->`;
    return prose === '' ? marker : `${marker}\n${prose}`;
  }
  const info = `${cell.kind} cell=${formatInfoValue(cell.id)} name=${formatInfoValue(cell.name)}${collapsed}`;
  return fencedBlock(info, lf(cell.source));
}
