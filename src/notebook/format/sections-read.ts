import { isMap, isScalar, isSeq } from 'yaml';
import type { CellDigest, DataManifestEntry, Environment, ParameterSets } from '../document';
import type { PendingSection } from './build';
import type { SectionName } from './classify';
import { formatError, type FormatProblem } from './problems';
import { shapeDataEntry, shapeDigest, shapeEnvironment, shapeParameterSet, type Shaped } from './shapes';
import { parseYaml, plainValue } from './yaml-text';

/**
 * The machine sections read into the document. A section whose YAML does not parse is left out
 * whole (guessing at half-parsed YAML could bring back wrong numbers); an entry with the wrong
 * shape is left out alone. Every omission is an error pointing at its line.
 */

export interface Sections {
  readonly parameterSets: ParameterSets;
  readonly data: readonly DataManifestEntry[];
  readonly environment: Environment | null;
  readonly digests: Readonly<Record<string, CellDigest>>;
}

interface Entry {
  readonly key: string | null;
  readonly line: number;
  readonly value: unknown;
}

/** The sections' values; absent sections are empty. */
export function readSections(pending: readonly PendingSection[]): { sections: Sections; problems: FormatProblem[] } {
  const problems: FormatProblem[] = [];
  const entriesOf = (name: SectionName): Entry[] | null => {
    const section = pending.find((s) => s.name === name);
    return section ? sectionEntries(section, problems) : null;
  };
  const keep = <T>(entry: Entry, what: string, shaped: Shaped<T>): T[] => {
    if ('reasons' in shaped) {
      problems.push(formatError(entry.line, `${what} is left out: ${shaped.reasons.join('; ')}`));
      return [];
    }
    for (const key of shaped.unknownKeys) problems.push(formatError(entry.line, `${what}: unknown key \`${key}\` is ignored (saving drops it)`));
    return [shaped.value];
  };
  const named = <T>(name: SectionName, what: string, shape: (v: unknown) => Shaped<T>): Record<string, T> =>
    Object.fromEntries(
      (entriesOf(name) ?? []).flatMap((e) => (e.key === null ? [] : keep(e, `${what} \`${e.key}\``, shape(e.value)).map((v) => [e.key, v]))),
    );

  const parameterSets = named('parameters', 'parameter set', shapeParameterSet);
  const data = (entriesOf('data') ?? []).flatMap((e, i) => keep(e, `data entry ${i + 1}`, shapeDataEntry(e.value)));
  const digests = named('digests', 'digest', shapeDigest);
  const environmentEntry = entriesOf('environment')?.[0];
  const environment = environmentEntry ? (keep(environmentEntry, 'the environment', shapeEnvironment(environmentEntry.value))[0] ?? null) : null;
  return { sections: { parameterSets, data, environment, digests }, problems };
}

/**
 * The entries of a section with their file lines: a mapping's pairs (parameters, digests), a
 * list's items (data), or the whole value (environment). Null YAML is no entries.
 */
function sectionEntries(section: PendingSection, problems: FormatProblem[]): Entry[] {
  const { doc, errors, lineOf } = parseYaml(section.content);
  const fileLine = (offset: number) => section.line + lineOf(offset);
  if (errors.length > 0) {
    for (const e of errors) problems.push(formatError(section.line + e.line, `bad YAML in the ${section.name} section (section ignored): ${e.message}`));
    return [];
  }
  const contents = doc.contents;
  if (contents === null || (isScalar(contents) && contents.value === null)) return [];
  const whole = plainValue(doc);
  if (whole === undefined) {
    problems.push(formatError(section.line, `the ${section.name} section uses too many YAML aliases (section ignored)`));
    return [];
  }
  const startLine = fileLine(contents.range?.[0] ?? 0);
  if (section.name === 'environment') return [{ key: null, line: startLine, value: whole }];
  if (section.name === 'data') {
    if (!isSeq(contents)) {
      problems.push(formatError(startLine, 'the data section should be a list of files (`- table: …`); section ignored'));
      return [];
    }
    return contents.items.map((item, i) => ({
      key: null,
      line: fileLine(nodeStart(item) ?? contents.range[0]),
      value: (whole as unknown[])[i],
    }));
  }
  if (!isMap(contents)) {
    problems.push(formatError(startLine, `the ${section.name} section should map names to entries; section ignored`));
    return [];
  }
  const record = whole as Record<string, unknown>;
  return contents.items.map((pair) => {
    const key = String(isScalar(pair.key) ? pair.key.value : pair.key);
    return { key, line: fileLine(nodeStart(pair.key) ?? contents.range[0]), value: record[key] };
  });
}

function nodeStart(node: unknown): number | undefined {
  const range = (node as { range?: readonly number[] } | null)?.range;
  return range?.[0];
}
