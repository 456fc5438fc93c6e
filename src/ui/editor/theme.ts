import { HighlightStyle, syntaxHighlighting } from '@codemirror/language';
import type { Extension } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import { tags as t } from '@lezer/highlight';

/** One line's height: the unit of the editor's minimum and maximum height. */
const LINE = 20;
/** Top and bottom padding of CodeMirror's content. */
const PAD = 4;
/** Up to this many lines the editor grows with its text; past it, it scrolls inside. */
export const MAX_VISIBLE_LINES = 40;
/** An empty cell still shows this many lines, so it reads as a place to type. */
export const MIN_VISIBLE_LINES = 2;

/**
 * The light look of ../theme.ts: its custom properties reach CodeMirror's DOM through the
 * element's shadow root, so a colour changed there changes here. System monospace only.
 */
const chrome = EditorView.theme({
  '&': {
    color: 'var(--tb-ink, #1f2933)',
    backgroundColor: '#fcfdfe',
    border: '1px solid var(--tb-line, #dde3ea)',
    borderRadius: 'var(--tb-radius, 8px)',
    fontSize: '13px',
  },
  '&.cm-focused': { outline: '2px solid var(--tb-blue, #2f6fb2)', outlineOffset: '1px' },
  '&.tb-readonly': { backgroundColor: 'var(--tb-bg, #f4f6f9)' },
  '.cm-scroller': {
    fontFamily: "var(--tb-mono, ui-monospace, 'SFMono-Regular', Menlo, Consolas, monospace)",
    lineHeight: `${LINE}px`,
    maxHeight: `${MAX_VISIBLE_LINES * LINE + 2 * PAD}px`,
    borderRadius: 'inherit',
  },
  '.cm-content': { minHeight: `${MIN_VISIBLE_LINES * LINE + 2 * PAD}px`, padding: `${PAD}px 0`, caretColor: 'var(--tb-ink, #1f2933)' },
  '.cm-line': { padding: '0 10px 0 6px' },
  '.cm-gutters': {
    backgroundColor: 'var(--tb-bg, #f4f6f9)',
    color: 'var(--tb-muted, #616e7c)',
    borderRight: '1px solid var(--tb-line, #dde3ea)',
    borderTopLeftRadius: 'inherit',
    borderBottomLeftRadius: 'inherit',
  },
  '.cm-gutter': { minHeight: `${MIN_VISIBLE_LINES * LINE + 2 * PAD}px` },
  '.cm-lineNumbers .cm-gutterElement': { padding: '0 6px 0 10px', minWidth: '28px' },
  '.cm-activeLine': { backgroundColor: 'rgba(47, 111, 178, 0.05)' },
  '.cm-activeLineGutter': { backgroundColor: 'var(--tb-blue-soft, #e8f1fb)', color: 'var(--tb-navy-2, #1d3a5f)' },
  // Only the focused cell shows where its cursor is; the others stay quiet.
  '&:not(.cm-focused) .cm-activeLine, &:not(.cm-focused) .cm-activeLineGutter': { backgroundColor: 'transparent', color: 'inherit' },
  '.cm-cursor, .cm-dropCursor': { borderLeftColor: 'var(--tb-ink, #1f2933)', borderLeftWidth: '2px' },
  '&.cm-focused > .cm-scroller > .cm-selectionLayer .cm-selectionBackground, .cm-selectionBackground, .cm-content ::selection': {
    backgroundColor: '#cfe0f5',
  },
  '.cm-selectionMatch': { backgroundColor: '#e3ecd9' },
  '&.cm-focused .cm-matchingBracket': { backgroundColor: '#d6e6f7', outline: '1px solid #9dbfe3' },
  '&.cm-focused .cm-nonmatchingBracket': { backgroundColor: 'var(--tb-red-soft, #fdecea)', color: 'var(--tb-red, #b42318)' },
  '.cm-placeholder': { color: 'var(--tb-muted, #616e7c)', fontStyle: 'italic' },
  '.cm-tooltip': {
    border: '1px solid var(--tb-line, #dde3ea)',
    borderRadius: '6px',
    backgroundColor: 'var(--tb-card, #ffffff)',
    boxShadow: '0 4px 14px rgba(18, 38, 63, 0.12)',
    overflow: 'hidden',
  },
  '.cm-tooltip.cm-tooltip-autocomplete > ul': { fontFamily: 'var(--tb-mono, monospace)', maxHeight: '16em' },
  '.cm-tooltip-autocomplete ul li[aria-selected]': { backgroundColor: 'var(--tb-blue, #2f6fb2)', color: '#fff' },
  '.cm-completionDetail': { color: 'var(--tb-muted, #616e7c)', marginLeft: '1em' },
  '.cm-tooltip-autocomplete ul li[aria-selected] .cm-completionDetail': { color: '#dbe7f5' },
  '.cm-completionMatchedText': { textDecoration: 'none', fontWeight: '700' },
  '.cm-diagnostic-error': { borderLeft: '4px solid var(--tb-red, #b42318)' },
  '.cm-diagnostic': { fontFamily: 'inherit', whiteSpace: 'pre-wrap' },
  '.cm-lintRange-error': { backgroundColor: 'rgba(180, 35, 24, 0.07)' },
  '.cm-panels': { backgroundColor: 'var(--tb-bg, #f4f6f9)', color: 'var(--tb-ink, #1f2933)' },
  '.cm-panels.cm-panels-top': { borderBottom: '1px solid var(--tb-line, #dde3ea)' },
  '.cm-panel.cm-search': { fontFamily: 'inherit', padding: '6px 8px' },
  '.cm-panel.cm-search input, .cm-panel.cm-search button, .cm-panel.cm-search label': { fontSize: '12px' },
  '.cm-textfield:focus': { outline: '2px solid var(--tb-blue, #2f6fb2)', outlineOffset: '0' },
  '.cm-textfield': { border: '1px solid var(--tb-line, #dde3ea)', borderRadius: '6px', padding: '2px 6px', backgroundColor: '#fff' },
  '.cm-button': {
    backgroundImage: 'none',
    backgroundColor: 'var(--tb-card, #ffffff)',
    border: '1px solid var(--tb-line, #dde3ea)',
    borderRadius: '6px',
    padding: '2px 8px',
  },
  '.cm-searchMatch': { backgroundColor: 'var(--tb-amber-soft, #fff4e5)', outline: '1px solid #f0c58a' },
  '.cm-searchMatch.cm-searchMatch-selected': { backgroundColor: '#ffe0b2' },
});

/** Syntax colours from the app's palette; gold darkened where it must read on white. */
const highlight = HighlightStyle.define([
  { tag: [t.keyword, t.operatorKeyword, t.modifier, t.controlKeyword, t.definitionKeyword, t.moduleKeyword], color: '#1d3a5f', fontWeight: '600' },
  { tag: [t.string, t.special(t.string), t.regexp], color: '#2e7d4f' },
  { tag: [t.number, t.bool, t.null, t.atom], color: '#b54708' },
  { tag: [t.comment, t.lineComment, t.blockComment], color: '#616e7c', fontStyle: 'italic' },
  { tag: [t.typeName, t.className, t.namespace], color: '#2f6fb2' },
  { tag: [t.function(t.variableName), t.function(t.propertyName), t.standard(t.name)], color: '#2f6fb2' },
  { tag: t.special(t.name), color: '#8a6d0b', fontWeight: '600' },
  { tag: [t.propertyName, t.attributeName], color: '#1d3a5f' },
  { tag: [t.definition(t.variableName), t.definition(t.propertyName)], color: '#12263f' },
  { tag: [t.operator, t.punctuation, t.separator, t.bracket], color: '#52606d' },
  { tag: [t.meta, t.processingInstruction, t.contentSeparator], color: '#616e7c' },
  { tag: t.heading, color: '#12263f', fontWeight: '700' },
  { tag: t.strong, fontWeight: '700' },
  { tag: t.emphasis, fontStyle: 'italic' },
  { tag: t.strikethrough, textDecoration: 'line-through' },
  { tag: [t.link, t.url], color: '#2f6fb2', textDecoration: 'underline' },
  { tag: t.monospace, color: '#2e7d4f' },
  { tag: t.quote, color: '#52606d', fontStyle: 'italic' },
  { tag: t.invalid, color: '#b42318' },
]);

/** The editor's look: chrome and syntax colours. */
export const editorTheme: Extension = [chrome, syntaxHighlighting(highlight)];
