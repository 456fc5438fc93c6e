import { parse } from 'acorn';
import { describe, expect, it } from 'vitest';
import { cellId } from '../../../src/notebook/document';
import { compileTsCell, isCompileError } from '../../../src/runtime/ts/compile';
import { locateInFunction } from '../../../src/runtime/ts/stack-position';
import { HANDOFF_KEY, workerScript } from '../../../src/runtime/ts/worker-blob';

function js(source: string): string {
  const result = compileTsCell(source);
  if (isCompileError(result)) throw new Error(result.error.message);
  return result.js;
}

describe('the sandbox worker\'s script', () => {
  const code = new Map([
    ['a#1', { js: js('return 1;'), cell: cellId('a') }],
    ['b#2', { js: js('const x: number = 2;\n\nreturn x;'), cell: cellId('b') }],
  ]);
  const { text, layout } = workerScript(code, 'http://127.0.0.1:5173/assets/sandbox-worker.js');
  const lines = text.split('\n');

  it('is a module that defines every cell\'s function, hands them over, then imports the shell', () => {
    expect(() => parse(text, { ecmaVersion: 'latest', sourceType: 'module' })).not.toThrow();
    expect(lines.at(-2)).toContain(`Symbol.for(${JSON.stringify(HANDOFF_KEY)})`);
    expect(lines.at(-1)).toBe('await import("http://127.0.0.1:5173/assets/sandbox-worker.js");');
  });

  it('knows the line where each function starts and how long it is', () => {
    expect(layout).toEqual({ 'a#1': { start: 3, lines: 3 }, 'b#2': { start: 6, lines: 5 } });
    expect(lines[2]).toMatch(/^__tierbook_code\["a#1"\] = async function \(/);
    expect(lines[5]).toMatch(/^__tierbook_code\["b#2"\] = async function \(/);
    expect(lines[8]).toBe('return x;'); // cell b's line 3 is the function's line 4, the script's 6 + 3
  });

  it('turns a stack frame in the script into a position in the right function', () => {
    const url = 'blob:http://127.0.0.1:5173/0c1d';
    const error = { stack: `TypeError: x\n    at ${url}:9:8\n    at async run (http://127.0.0.1:5173/assets/sandbox-worker.js:1:100)` };
    expect(locateInFunction(error, url, layout['b#2']!.start, layout['b#2']!.lines)).toEqual({ line: 4, column: 8 });
    expect(locateInFunction(error, url, layout['a#1']!.start, layout['a#1']!.lines)).toBeUndefined();
  });
});
