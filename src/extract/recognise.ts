import { AMOUNT_UNITS, normaliseHeader, tableNameFromFile, uniqueName } from './headers';
import type { ColumnMapping, MatchConfidence, MappingMemory, TableMapping } from './mapping';
import { headerSignature } from './mapping';
import type { ColumnKind, ColumnSpec, TableName, TableSpec } from './schema';
import { EXTRACT_TABLES } from './schema';
import type { StagedColumn } from './staging';

/** A staged column with the kind its values suggest (from profiling), for unmapped columns. */
export interface ProfiledColumn extends StagedColumn {
  readonly detectedKind: ColumnKind;
}

interface Match {
  readonly spec: ColumnSpec;
  readonly confidence: MatchConfidence;
}

const QUALITY: Record<MatchConfidence, number> = { exact: 1, alias: 1, remembered: 1, user: 1, partial: 0.5, none: 0 };

/** The names a spec column answers to, normalised, with the confidence each gives. */
function namesOf(spec: ColumnSpec): { key: string; confidence: MatchConfidence }[] {
  return [
    { key: normaliseHeader(spec.zh).key, confidence: 'exact' as const },
    { key: normaliseHeader(spec.name).key, confidence: 'exact' as const },
    ...spec.aliases.map((a) => ({ key: normaliseHeader(a).key, confidence: 'alias' as const })),
  ];
}

/** Finds, for each header, the spec column it names; each spec column is used once, best first. */
function matchColumns(table: TableSpec, headers: readonly string[]): (Match | null)[] {
  const keys = headers.map((h) => normaliseHeader(h).key);
  const result: (Match | null)[] = headers.map(() => null);
  const used = new Set<string>();
  // exact and alias matches first, then partial ones (a known name inside a longer header)
  for (const pass of ['whole', 'partial'] as const) {
    keys.forEach((key, i) => {
      if (result[i] || key === '') return;
      for (const spec of table.columns) {
        if (used.has(spec.name)) continue;
        const hit = namesOf(spec).find((n) =>
          pass === 'whole' ? n.key === key : n.key.length >= 3 && key.includes(n.key),
        );
        if (hit) {
          result[i] = { spec, confidence: pass === 'whole' ? hit.confidence : 'partial' };
          used.add(spec.name);
          return;
        }
      }
    });
  }
  return result;
}

/**
 * A file is an extract table when it has the table's required columns and they are not a lone
 * coincidence: two columns or more match, or at least half the file's columns do (a file of
 * scores with a 客户号 column is a plain table, not a customer table).
 */
function satisfiesRequirements(table: TableSpec, matches: readonly (Match | null)[]): boolean {
  const matched = matches.filter((m): m is Match => m !== null);
  const present = new Set(matched.map((m) => m.spec.name));
  const required = table.columns.filter((c) => c.required).every((c) => present.has(c.name));
  const oneOf = (table.requireOneOf ?? []).every((group) => group.some((c) => present.has(c)));
  const enough = matched.length >= 2 || matched.length * 2 >= matches.length;
  return required && oneOf && enough;
}

/** How well a file's headers fit a table: matched columns, a little less for unmatched ones. */
function score(table: TableSpec, matches: readonly (Match | null)[], fileName: string): number {
  const matched = matches.reduce((s, m) => s + (m ? QUALITY[m.confidence] : 0), 0);
  const unmatched = matches.filter((m) => m === null).length;
  const lower = fileName.toLowerCase();
  const named = lower.includes(table.name) || fileName.includes(table.zh) ? 0.5 : 0;
  return matched - 0.01 * unmatched + named;
}

/** The unit an amount column's header declares, as a multiplier to 元. */
function unitOf(header: string): number {
  const unit = normaliseHeader(header).unit;
  return unit && unit in AMOUNT_UNITS ? AMOUNT_UNITS[unit as keyof typeof AMOUNT_UNITS] : 1;
}

/** A plain column: kept under its own header, parsed as its values suggest. */
function plainColumn(column: ProfiledColumn): ColumnMapping {
  return {
    source: column.name,
    header: column.header,
    target: column.name,
    canonical: false,
    kind: column.detectedKind,
    unit: column.detectedKind === 'amount' ? unitOf(column.header) : 1,
    confidence: 'none',
  };
}

/** Which extract table a file's headers best fit, or null when none has its required columns. */
export function recogniseTable(headers: readonly string[], fileName = ''): { table: TableSpec; matches: (Match | null)[] } | null {
  let best: { table: TableSpec; matches: (Match | null)[]; score: number } | null = null;
  for (const table of EXTRACT_TABLES) {
    const matches = matchColumns(table, headers);
    if (!satisfiesRequirements(table, matches)) continue;
    const s = score(table, matches, fileName);
    if (!best || s > best.score) best = { table, matches, score: s };
  }
  return best && { table: best.table, matches: best.matches };
}

/**
 * Proposes a mapping for a staged file: a remembered one if the same header was confirmed before,
 * otherwise the best-fitting extract table (columns named canonically, units from headers), or a
 * plain table named after the file. Every column is kept; none is dropped.
 */
export function proposeMapping(
  fileName: string,
  columns: readonly ProfiledColumn[],
  takenNames: ReadonlySet<string>,
  memory?: MappingMemory,
): TableMapping {
  const remembered = memory?.recall(headerSignature(columns.map((c) => c.header)));
  if (remembered && remembered.columns.length === columns.length) {
    const name = remembered.table ?? tableNameFromFile(fileName);
    return {
      ...remembered,
      name: uniqueName(name, takenNames),
      columns: remembered.columns.map((c, i) => ({ ...c, source: columns[i]!.name, confidence: 'remembered' })),
    };
  }
  const found = recogniseTable(columns.map((c) => c.header), fileName);
  if (!found) {
    return { table: null, name: uniqueName(tableNameFromFile(fileName), takenNames), columns: columns.map(plainColumn) };
  }
  const canonicalNames = new Set(found.table.columns.map((c) => c.name));
  const targets = new Set<string>();
  const mapped: ColumnMapping[] = columns.map((column, i) => {
    const match = found.matches[i];
    if (!match) return plainColumn(column);
    targets.add(match.spec.name);
    return toCanonical(column, match);
  });
  // an unmatched column whose header equals a canonical name would collide: give it another name
  const withUniqueTargets = mapped.map((m) =>
    m.canonical || !(canonicalNames.has(m.target) || targets.has(m.target)) ? m : { ...m, target: uniqueName(m.target, new Set([...canonicalNames, ...targets])) },
  );
  return { table: found.table.name, name: uniqueName(found.table.name, takenNames), columns: withUniqueTargets };
}

/**
 * Maps a file's columns onto a table the user chose (or to a plain table when `table` is null):
 * the mapping step's table picker. Matching columns are named canonically, the rest kept.
 */
export function mapToTable(columns: readonly ProfiledColumn[], table: TableName | null, name: string): TableMapping {
  if (!table) return { table: null, name, columns: columns.map(plainColumn) };
  const spec = EXTRACT_TABLES.find((t) => t.name === table)!;
  const matches = matchColumns(spec, columns.map((c) => c.header));
  return {
    table,
    name,
    columns: columns.map((column, i) => {
      const match = matches[i];
      if (!match) return plainColumn(column);
      return toCanonical(column, match);
    }),
  };
}

function toCanonical(column: ProfiledColumn, match: Match): ColumnMapping {
  return {
    source: column.name,
    header: column.header,
    target: match.spec.name,
    canonical: true,
    kind: match.spec.kind,
    unit: match.spec.kind === 'amount' ? unitOf(column.header) : 1,
    confidence: match.confidence,
  };
}

/** The required columns of `table` that a mapping does not provide. */
export function missingRequired(mapping: TableMapping): string[] {
  if (!mapping.table) return [];
  const spec = EXTRACT_TABLES.find((t) => t.name === mapping.table)!;
  const have = new Set(mapping.columns.filter((c) => c.canonical).map((c) => c.target));
  const missing = spec.columns.filter((c) => c.required && !have.has(c.name)).map((c) => c.name);
  for (const group of spec.requireOneOf ?? []) if (!group.some((c) => have.has(c))) missing.push(group.join(' / '));
  return missing;
}

/** The canonical table names, for the mapping step's table picker. */
export const TABLE_NAMES: readonly TableName[] = EXTRACT_TABLES.map((t) => t.name);
