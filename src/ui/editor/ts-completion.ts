import type { Completion, CompletionSource } from '@codemirror/autocomplete';
import { completionPath } from '@codemirror/lang-javascript';
import type { EditorSchema } from './types';

/** Identifier characters as lang-javascript reads them (keeps the list open while typing). */
const IDENTIFIER = /^[\w$\xa1-\uffff]*$/;

/** What the sandbox puts in scope for every TypeScript cell. */
const SANDBOX_GLOBALS: readonly Completion[] = [
  { label: 'sql', type: 'function', detail: 'sandbox', info: 'Runs a DuckDB query with bound parameters; inputs and cells are passed as values, never spliced into the text.' },
  { label: 'Plot', type: 'namespace', detail: 'sandbox', info: 'Observable Plot: return Plot.plot({...}) to draw a chart.' },
  { label: 'Arrow', type: 'namespace', detail: 'sandbox', info: 'Apache Arrow: build or read tables.' },
  { label: 'numbersOf', type: 'function', detail: 'sandbox', info: 'numbersOf(table, column): a Float64Array, nulls as NaN.' },
  { label: 'rowsOf', type: 'function', detail: 'sandbox', info: 'rowsOf(table): the rows as plain objects.' },
  { label: 'scoring', type: 'namespace', detail: 'sandbox', info: "The app's scoring functions: scoring.scoreMatrix(matrix, model, inputs) scores exactly as the screening view does." },
];

/** Observable Plot's marks and transforms a credit notebook uses, offered after `Plot.`. */
const PLOT_MEMBERS: readonly Completion[] = [
  ...['plot', 'legend'].map((label): Completion => ({ label, type: 'function', detail: 'Plot' })),
  ...['areaY', 'areaX', 'barX', 'barY', 'boxX', 'boxY', 'cell', 'dot', 'frame', 'gridX', 'gridY', 'line', 'lineX', 'lineY', 'link', 'rect', 'rectX', 'rectY', 'ruleX', 'ruleY', 'text', 'tickX', 'tickY', 'tip', 'axisX', 'axisY'].map(
    (label): Completion => ({ label, type: 'function', detail: 'mark' }),
  ),
  ...['binX', 'binY', 'groupX', 'groupY', 'group', 'stackX', 'stackY', 'normalizeX', 'normalizeY', 'windowX', 'windowY', 'sort', 'filter'].map(
    (label): Completion => ({ label, type: 'function', detail: 'transform' }),
  ),
];

/** Apache Arrow's table builders, offered after `Arrow.`. */
const ARROW_MEMBERS: readonly Completion[] = ['tableFromArrays', 'tableFromJSON', 'tableFromIPC', 'tableToIPC', 'vectorFromArray'].map(
  (label): Completion => ({ label, type: 'function', detail: 'Arrow' }),
);

/** The scoring library's entry points, offered after `scoring.`. */
export const SCORING_MEMBERS: readonly Completion[] = [
  'scoreMatrix', 'screenDataOf', 'Screen', 'screenParams', 'fitIndicators', 'normalise', 'weightVector', 'scoreInto', 'contributions',
  'entropyWeights', 'ahpWeights', 'ahpMatrix', 'assignTiers', 'idRanks', 'rankOrder', 'assignSegments', 'riskGrid', 'earlyWarnings', 'explainRow',
  // validation (DOMAIN.md's conventions) and weight suggestion
  'roc', 'ks', 'liftTable', 'conversionByTier', 'calibration', 'decileOf', 'psi', 'psiFromQuantiles', 'informationValue',
  'fitLogistic', 'predict', 'holdoutSplit', 'suggestWeights', 'weightMetrics',
].map((label): Completion => ({ label, type: 'function', detail: 'scoring' }));

const MEMBERS: Readonly<Record<string, readonly Completion[]>> = { Plot: PLOT_MEMBERS, Arrow: ARROW_MEMBERS, scoring: SCORING_MEMBERS };

/** The names a TypeScript cell sees: other cells first, then inputs, then the sandbox's globals. */
export function tsScopeCompletions(schema: EditorSchema): Completion[] {
  const seen = new Set<string>();
  const options: Completion[] = [];
  const add = (option: Completion): void => {
    if (seen.has(option.label)) return;
    seen.add(option.label);
    options.push(option);
  };
  for (const label of schema.cells) add({ label, type: 'variable', detail: 'cell' });
  for (const label of schema.inputs) add({ label, type: 'variable', detail: 'input' });
  SANDBOX_GLOBALS.forEach(add);
  return options;
}

/**
 * Completion for TypeScript cells from the notebook's names and the sandbox's globals: not a
 * language service, only what lang-javascript's local-variable completion cannot know.
 */
export function tsCompletionSource(schema: EditorSchema): CompletionSource {
  const scope = tsScopeCompletions(schema);
  return (context) => {
    const path = completionPath(context);
    if (!path) return null;
    const from = context.pos - path.name.length;
    if (path.path.length === 0) return { from, options: scope, validFor: IDENTIFIER };
    const members = path.path.length === 1 ? MEMBERS[path.path[0]!] : undefined;
    return members ? { from, options: members, validFor: IDENTIFIER } : null;
  };
}
