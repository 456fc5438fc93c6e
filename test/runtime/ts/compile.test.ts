import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseExpressionAt } from 'acorn';
import { describe, expect, it } from 'vitest';
import { cellPositionOf, compileTsCell, isCompileError, type CompiledTsCell } from '../../../src/runtime/ts/compile';

/**
 * Goldens: each goldens/compile/NAME.cell is a cell's TypeScript (not .ts: it is a function body,
 * which tsc would refuse as a file); NAME.js holds what it compiles to, its first
 * line listing the references. A missing golden is written only when TIERBOOK_WRITE_GOLDENS=1
 * (never in CI): review the new file, then commit it.
 */
const GOLDENS = join(import.meta.dirname, 'goldens', 'compile');

function compiled(source: string): CompiledTsCell {
  const result = compileTsCell(source);
  if (isCompileError(result)) throw new Error(`did not compile: ${JSON.stringify(result.error)}`);
  return result;
}

function errorOf(source: string) {
  const result = compileTsCell(source);
  if (!isCompileError(result)) throw new Error('compiled, but should not have');
  return result.error;
}

describe('compiled cells match their goldens', () => {
  for (const file of readdirSync(GOLDENS).filter((f) => f.endsWith('.cell')).sort()) {
    it(file, () => {
      const result = compiled(readFileSync(join(GOLDENS, file), 'utf8'));
      const actual = `// references: ${result.references.join(', ')}\n${result.js}\n`;
      const expectedPath = join(GOLDENS, file.replace(/\.cell$/, '.js'));
      if (!existsSync(expectedPath)) {
        if (process.env['TIERBOOK_WRITE_GOLDENS'] !== '1') throw new Error(`missing golden ${expectedPath} (TIERBOOK_WRITE_GOLDENS=1 writes it)`);
        writeFileSync(expectedPath, actual);
      }
      expect(actual).toBe(readFileSync(expectedPath, 'utf8'));
    });
  }
});

describe('references', () => {
  it('are the free names minus JavaScript built-ins and the sandbox\'s own names', () => {
    expect(compiled('return Math.max(a, b) + sql.length + Plot.x + Arrow.y + numbersOf + rowsOf + scoring.x;').references).toEqual(['a', 'b']);
  });

  it('do not include a name shadowed by a local', () => {
    expect(compiled('const weights = 1;\nreturn weights;').references).toEqual([]);
    expect(compiled('const f = (weights: number) => weights;\nreturn f(1);').references).toEqual([]);
  });

  it('include names used only in closures and template literals', () => {
    expect(compiled('return () => `${later}`;').references).toEqual(['later']);
  });

  it('do not include names used only in types', () => {
    expect(compiled('const x: Weights = w as Weights;\nlet y: Array<Tier> = [];\nreturn x;').references).toEqual(['w']);
  });

  it('include browser globals, which no cell defines (so the cell reports them)', () => {
    expect(compiled('return [fetch, self, globalThis, setTimeout, document];').references).toEqual(['document', 'fetch', 'globalThis', 'self', 'setTimeout']);
  });

  it('say where each reference is first used, in the cell\'s own text', () => {
    const cell = compiled('const t: Table = indicators;\n  return weights.a + indicators.numRows;');
    expect(cell.firstUse).toEqual({ indicators: { line: 1, column: 18 }, weights: { line: 2, column: 10 } });
  });
});

describe('the compiled function', () => {
  it('is one async function expression whose parameters are the sandbox names, then the references', () => {
    const cell = compiled('return a + b;');
    const node = parseExpressionAt(cell.js, 0, { ecmaVersion: 'latest' });
    expect(node.type).toBe('FunctionExpression');
    expect(node.end).toBe(cell.js.length);
    expect(cell.js.split('\n')[0]).toBe('async function (sql, Plot, Arrow, numbersOf, rowsOf, scoring, a, b) { "use strict"; {');
  });

  it('keeps the cell\'s line N on line N + 1', () => {
    const source = 'interface A { x: number }\nconst a: A = { x: 1 };\n\nreturn a.x;';
    expect(compiled(source).js.split('\n').slice(1, 5)).toEqual(['', 'const a = { x: 1 };', '', 'return a.x;']);
  });

  it('lets a cell declare a local with a sandbox name', () => {
    expect(compiled('const Plot = 1;\nreturn Plot;').references).toEqual([]);
  });
});

describe('syntax errors point into the cell\'s own text', () => {
  it('a TypeScript error on the first line', () => {
    expect(errorOf('const x: number = ;')).toEqual({ message: 'Unexpected token', line: 1, column: 19 });
  });

  it('an error on a later line, after type syntax was removed', () => {
    expect(errorOf('const a: number = 1;\nlet a = 2;')).toEqual({ message: "Identifier 'a' has already been declared", line: 2, column: 5 });
  });

  it('an error that JavaScript finds after the types are gone, in a line with types', () => {
    // sucrase accepts it; acorn (strict, as modules are) refuses; the column is the cell's, not the output's
    expect(errorOf('const n: number = 1;\nconst o: Record<string, number> = {}; delete n;')).toEqual({ message: 'Deleting local variable in strict mode', line: 2, column: 39 });
  });

  it('an unfinished cell, at its end', () => {
    expect(errorOf('return (\n  1 +')).toMatchObject({ line: 2, column: 6 });
  });

  it('a } that would close the wrapper', () => {
    expect(errorOf('return 1;\n}\nfoo();\nfunction bar() {')).toEqual({ message: "Unexpected '}': it closes the cell", line: 2, column: 1 });
  });

  it('import(), import.meta and import declarations', () => {
    expect(errorOf('const m = await import("x");')).toMatchObject({ message: expect.stringContaining('import is not available'), line: 1, column: 17 });
    expect(errorOf('return 1;\nimport x from "y";')).toMatchObject({ line: 2 });
  });

  it('a cell naming eval, which cannot be bound in strict code: its own error, not a throw', () => {
    expect(errorOf('const x = 1;\nreturn eval("fetch(1)");')).toEqual({ message: 'eval is not available in TypeScript cells', line: 2, column: 8 });
  });

  it('a cell written with Windows line ends', () => {
    expect(errorOf('const a = 1;\r\nconst b = ;')).toMatchObject({ line: 2, column: 11 });
  });
});

describe('run-time positions', () => {
  it('map a column of the compiled line back past removed type syntax', () => {
    const source = 'const a = 1;\nconst o: { x: number } | null = null as any; o!.x;';
    const cell = compiled(source);
    const jsLine = cell.js.split('\n')[2]!;
    const column = jsLine.indexOf('o.x') + 1 + 2; // 1-based, at "x"
    expect(cellPositionOf(cell.js, source, 3, column)).toEqual({ line: 2, column: source.split('\n')[1]!.indexOf('o!.x') + 4 });
  });

  it('give nothing for the header line', () => {
    const cell = compiled('return 1;');
    expect(cellPositionOf(cell.js, 'return 1;', 1, 5)).toBeUndefined();
  });
});
