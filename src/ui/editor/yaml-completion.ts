import type { Completion, CompletionSource } from '@codemirror/autocomplete';

/** The kinds of input cell (InputSpec's `type`). */
const INPUT_TYPES = ['slider', 'number', 'select', 'date', 'weights'] as const;

/** InputSpec's top-level keys. */
const INPUT_KEYS = ['type', 'label', 'value', 'min', 'max', 'step', 'options', 'weights', 'locked'] as const;

const KEY_OPTIONS: readonly Completion[] = INPUT_KEYS.map((key): Completion => ({ label: key, type: 'property', apply: `${key}: ` }));
const TYPE_OPTIONS: readonly Completion[] = INPUT_TYPES.map((label): Completion => ({ label, type: 'enum' }));

/** Keys of an input definition at the start of a top-level line, and its types after `type:`. */
export const inputDefinitionSource: CompletionSource = (context) => {
  const line = context.state.doc.lineAt(context.pos);
  const before = line.text.slice(0, context.pos - line.from);
  const type = /^type:\s*(\w*)$/.exec(before);
  if (type) return { from: context.pos - type[1]!.length, options: TYPE_OPTIONS, validFor: /^\w*$/ };
  const key = /^\w*$/.exec(before);
  if (!key || (key[0] === '' && !context.explicit)) return null;
  return { from: line.from, options: KEY_OPTIONS, validFor: /^\w*$/ };
};
