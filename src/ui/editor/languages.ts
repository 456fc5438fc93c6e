import { javascript, javascriptLanguage } from '@codemirror/lang-javascript';
import { markdown, markdownLanguage } from '@codemirror/lang-markdown';
import { keywordCompletionSource, schemaCompletionSource } from '@codemirror/lang-sql';
import { yaml, yamlLanguage } from '@codemirror/lang-yaml';
import { LanguageSupport } from '@codemirror/language';
import type { Extension } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import { DuckDB } from './sql-dialect';
import { inputParameterSource, outsideLiterals, sqlCompletionSchema, statementColumnSource, tableNameSource } from './sql-completion';
import { tsCompletionSource } from './ts-completion';
import type { EditorLanguage, EditorSchema } from './types';
import { inputDefinitionSource } from './yaml-completion';

/** The accessible name of the editing area, per language (a notebook has many editors). */
const LABELS: Readonly<Record<EditorLanguage, string>> = { sql: 'SQL', ts: 'TypeScript', markdown: 'Markdown', yaml: 'Input definition (YAML)' };

/** lang-sql's parts, assembled as its sql() does but with keywords kept out of strings and `$inputs`. */
function sqlSupport(schema: EditorSchema): Extension {
  const data = DuckDB.language.data;
  return new LanguageSupport(DuckDB.language, [
    data.of({ autocomplete: outsideLiterals(keywordCompletionSource(DuckDB, true)) }),
    data.of({ autocomplete: schemaCompletionSource({ dialect: DuckDB, schema: sqlCompletionSchema(schema) }) }),
    data.of({ autocomplete: tableNameSource(schema) }),
    data.of({ autocomplete: statementColumnSource(schema) }),
    data.of({ autocomplete: inputParameterSource(schema) }),
  ]);
}

/**
 * Everything that depends on the language and the notebook's names: parser, highlighting
 * props, completion sources and the accessible label. One value for one compartment, so a cell
 * switching language or a new table reconfigures the editor instead of re-creating it. The
 * parsers are module constants, so a schema change keeps the syntax tree.
 */
export function languageExtension(language: EditorLanguage, schema: EditorSchema): Extension {
  const label = EditorView.contentAttributes.of({ 'aria-label': LABELS[language] });
  switch (language) {
    case 'sql':
      return [sqlSupport(schema), label];
    case 'ts':
      return [javascript({ typescript: true }), javascriptLanguage.data.of({ autocomplete: tsCompletionSource(schema) }), label];
    case 'markdown':
      // Markdown cells render without HTML, so completing HTML tags would only mislead.
      return [markdown({ base: markdownLanguage, completeHTMLTags: false }), label];
    case 'yaml':
      return [yaml(), yamlLanguage.data.of({ autocomplete: inputDefinitionSource }), label];
  }
}
