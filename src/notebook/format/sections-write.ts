import type { CellDigest, DataManifestEntry, NotebookDocument } from '../document';
import type { SectionName } from './classify';
import { yamlText } from './yaml-text';

/**
 * The machine sections as YAML text, or null when a section is empty (so a notebook without
 * digests has no digests block). Known keys are written in the model's order whatever order the
 * object was built in, so two saves of the same document never differ; names (parameter sets,
 * inputs, digests, options) keep the order they were given in.
 */
export function sectionText(name: SectionName, doc: NotebookDocument): string | null {
  const value = sectionValue(name, doc);
  if (value === null) return writeSection(name, doc);
  const cached = written.get(value);
  if (cached !== undefined) return cached;
  const text = writeSection(name, doc);
  written.set(value, text);
  return text;
}

/**
 * Each section's text, by the (read-only) object it is written from. A slider tick changes one
 * input cell and autosave writes the whole notebook: without this, every tick re-wrote (and
 * read back, see yamlText) the digests, data and parameter-set YAML, the largest part of the file
 * and, measured, the largest cost of a tick after the charts.
 */
const written = new WeakMap<object, string | null>();

function sectionValue(name: SectionName, doc: NotebookDocument): object | null {
  switch (name) {
    case 'parameters':
      return doc.parameterSets;
    case 'data':
      return doc.data;
    case 'environment':
      return doc.environment;
    case 'digests':
      return doc.digests;
  }
}

function writeSection(name: SectionName, doc: NotebookDocument): string | null {
  switch (name) {
    case 'parameters':
      return Object.keys(doc.parameterSets).length === 0 ? null : yamlText(doc.parameterSets);
    case 'data':
      return doc.data.length === 0 ? null : yamlText(doc.data.map(dataEntry));
    case 'environment':
      return doc.environment === null ? null : yamlText({ app: doc.environment.app, duckdb: doc.environment.duckdb });
    case 'digests': {
      const entries = Object.entries(doc.digests);
      return entries.length === 0 ? null : yamlText(Object.fromEntries(entries.map(([n, d]) => [n, digest(d)])));
    }
  }
}

function dataEntry(e: DataManifestEntry): Record<string, unknown> {
  return {
    table: e.table,
    file: e.file,
    size: e.size,
    sha256: e.sha256,
    rows: e.rows,
    format: e.format,
    options: e.options,
    recognisedAs: e.recognisedAs,
    columns: e.columns.map((c) => ({ source: c.source, target: c.target, kind: c.kind, ...(c.unit === undefined ? {} : { unit: c.unit }) })),
    policy: e.policy,
  };
}

function digest(d: CellDigest): Record<string, unknown> {
  const columns =
    d.columns === undefined
      ? {}
      : { columns: Object.fromEntries(Object.entries(d.columns).map(([n, c]) => [n, { sum: c.sum, min: c.min, max: c.max }])) };
  return { rows: d.rows, hash: d.hash, ...columns };
}
