import type { Completion, CompletionContext, CompletionResult, CompletionSource } from '@codemirror/autocomplete';
import type { SQLNamespace } from '@codemirror/lang-sql';
import { syntaxTree } from '@codemirror/language';
import { DUCKDB_RESERVED } from './sql-dialect';
import type { EditorSchema } from './types';

/** A node of lang-sql's tree (@lezer/common is not a direct dependency, so its type is derived). */
type SyntaxNode = ReturnType<ReturnType<typeof syntaxTree>['resolveInner']>;

/** Tokens whose text is not SQL words: nothing but `$inputs` is completed inside them. */
const LITERALS = new Set(['String', 'LineComment', 'BlockComment', 'QuotedIdentifier', 'SpecialVar']);

/** Words after which a table name comes. */
const TABLE_CONTEXT = /\b(from|join|into|update|table|describe|summarize|pivot|unpivot)\s+$/i;

const PLAIN_IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * The schema in lang-sql's shape: table → columns, each with the text it inserts (quoted when
 * DuckDB needs it: not a plain identifier, or a reserved word; lang-sql alone quotes only the
 * former). Dots in a table name are escaped: lang-sql reads a bare dot as schema.table.
 */
export function sqlCompletionSchema(schema: EditorSchema): SQLNamespace {
  const namespace: Record<string, SQLNamespace> = {};
  for (const [table, columns] of Object.entries(schema.tables)) {
    namespace[table.replace(/\./g, '\\.')] = {
      self: nameOption(table, 'type', 'table'),
      children: [...new Set(columns)].map((column) => nameOption(column, 'property', table)),
    };
  }
  return namespace;
}

/** How a name is written in DuckDB SQL: bare when plain, double-quoted otherwise (Chinese headers, `limit`). */
export function sqlIdentifier(name: string): string {
  return PLAIN_IDENTIFIER.test(name) && !DUCKDB_RESERVED.has(name.toLowerCase()) ? name : `"${name.replace(/"/g, '""')}"`;
}

function nameOption(name: string, type: string, detail: string): Completion {
  const quoted = sqlIdentifier(name);
  return quoted === name ? { label: name, type, detail } : { label: name, type, detail, apply: quoted };
}

/** Whether a token ends before `pos` (a closed string or block comment) rather than running on to it. */
function closedBefore(text: string, name: string): boolean {
  if (name === 'LineComment') return false;
  if (name === 'BlockComment') return text.length >= 4 && text.endsWith('*/');
  if (name === 'SpecialVar') return false;
  return text.length >= 2 && text[text.length - 1] === text[0];
}

/** The literal-like token (string, comment, quoted name, `$parameter`) the cursor is in, if any. */
function literalAt(context: CompletionContext): string | null {
  const node = syntaxTree(context.state).resolveInner(context.pos, -1);
  if (!LITERALS.has(node.name) || node.from >= context.pos) return null;
  const inside = node.to > context.pos || !closedBefore(context.state.sliceDoc(node.from, node.to), node.name);
  return inside ? node.name : null;
}

/**
 * Table names right after FROM, JOIN... while nothing is typed yet. lang-sql's own schema source
 * waits for a letter (or Ctrl+Space) there; a notebook user expects the list at once.
 */
export function tableNameSource(schema: EditorSchema): CompletionSource {
  const options = Object.keys(schema.tables).map((table) => nameOption(table, 'type', 'table'));
  return (context) => {
    if (context.explicit || options.length === 0 || literalAt(context) !== null) return null;
    const line = context.state.doc.lineAt(context.pos);
    if (!TABLE_CONTEXT.test(line.text.slice(0, context.pos - line.from))) return null;
    return { from: context.pos, options, validFor: /^\w*$/ };
  };
}

/**
 * Keeps a source quiet where words are not SQL: in strings, comments and `$parameters`
 * (lang-sql's keyword source would offer WORK inside 'work' and CUBE after `$cu`).
 */
export function outsideLiterals(source: CompletionSource): CompletionSource {
  return (context) => (literalAt(context) !== null ? null : source(context));
}

/** `$name` for the notebook's inputs, which reach DuckDB as bound parameters. */
export function inputParameterSource(schema: EditorSchema): CompletionSource {
  const options = schema.inputs.map((name): Completion => ({ label: `$${name}`, type: 'variable', detail: 'input' }));
  return (context) => {
    const literal = literalAt(context);
    if (options.length === 0 || (literal !== null && literal !== 'SpecialVar')) return null;
    const word = context.matchBefore(/\$\w*$/);
    if (!word) return null;
    return { from: word.from, options, validFor: /^\$\w*$/ };
  };
}

function enclosingStatement(node: SyntaxNode | null): SyntaxNode | null {
  for (let at = node; at; at = at.parent) if (at.name === 'Statement') return at;
  return null;
}

function identifierText(context: CompletionContext, node: SyntaxNode): string {
  const text = context.state.sliceDoc(node.from, node.to);
  return node.name === 'QuotedIdentifier' ? text.slice(1, -1).replace(/""/g, '"') : text;
}

/**
 * Unqualified columns of the tables the current statement names (`SELECT cu| FROM customers`),
 * which lang-sql only offers after `table.`.
 */
export function statementColumnSource(schema: EditorSchema): CompletionSource {
  const byLowerName = new Map(Object.entries(schema.tables).map(([table, columns]) => [table.toLowerCase(), { table, columns }]));
  return (context): CompletionResult | null => {
    if (byLowerName.size === 0 || literalAt(context) !== null) return null;
    const word = context.matchBefore(/[\w\u00a1-\uffff]*$/);
    if (!word || (word.from === word.to && !context.explicit)) return null;
    if (context.state.sliceDoc(word.from - 1, word.from) === '.') return null;
    const statement = enclosingStatement(syntaxTree(context.state).resolveInner(context.pos, -1));
    if (!statement) return null;
    const options: Completion[] = [];
    const seen = new Set<string>();
    syntaxTree(context.state).iterate({
      from: statement.from,
      to: statement.to,
      enter: (ref) => {
        if ((ref.name !== 'Identifier' && ref.name !== 'QuotedIdentifier') || ref.from < statement.from || ref.to > statement.to) return;
        const found = byLowerName.get(identifierText(context, ref.node).toLowerCase());
        if (!found || seen.has(found.table)) return;
        seen.add(found.table);
        for (const column of found.columns) options.push(nameOption(column, 'property', found.table));
      },
    });
    return options.length ? { from: word.from, options, validFor: /^[\w\u00a1-\uffff]*$/ } : null;
  };
}
