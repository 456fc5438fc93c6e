import { describe, expect, it } from 'vitest';
import { tsScopeCompletions } from '../../../src/ui/editor/ts-completion';
import { EMPTY_SCHEMA } from '../../../src/ui/editor/types';
import { SCHEMA, labelsAt, offeredAt, stateAt } from './support';

describe('TypeScript completion', () => {
  it("lists other cells, then inputs, then the sandbox's globals, each name once", () => {
    const options = tsScopeCompletions({ ...EMPTY_SCHEMA, cells: ['scored', 'cutoff'], inputs: ['cutoff', 'weights'] });
    expect(options.map((o) => [o.label, o.detail])).toEqual([
      ['scored', 'cell'],
      ['cutoff', 'cell'],
      ['weights', 'input'],
      ['sql', 'sandbox'],
      ['Plot', 'sandbox'],
      ['Arrow', 'sandbox'],
      ['numbersOf', 'sandbox'],
      ['rowsOf', 'sandbox'],
      ['scoring', 'sandbox'],
    ]);
  });

  it('completes a cell name being typed', async () => {
    const { state, pos } = stateAt('const rows = await sco|', 'ts', SCHEMA);
    expect(await offeredAt(state, pos)).toContainEqual({ label: 'scored', detail: 'cell', insert: 'scored' });
  });

  it('completes inputs and the sandbox globals sql, Plot and Arrow', async () => {
    expect(await labelsAt('return cut|', 'ts')).toContain('cutoff');
    expect(await labelsAt('const t = await s|', 'ts')).toContain('sql');
    expect(await labelsAt('return Pl|', 'ts')).toContain('Plot');
    expect(await labelsAt('const a = Ar|', 'ts')).toContain('Arrow');
  });

  it("completes Plot's marks after `Plot.`", async () => {
    const labels = await labelsAt('return Plot.|', 'ts');
    expect(labels).toEqual(expect.arrayContaining(['plot', 'barY', 'dot', 'ruleY', 'binX']));
    expect(await labelsAt('return Plot.ba|', 'ts')).toEqual(['barX', 'barY']);
  });

  it("offers nothing after another object's dot, or in strings and comments", async () => {
    expect(await labelsAt('return scored.|', 'ts')).toEqual([]);
    expect(await labelsAt("const s = 'sco|'", 'ts')).toEqual([]);
    expect(await labelsAt('// sco|', 'ts')).toEqual([]);
  });

  it("keeps lang-javascript's own completion of names declared in the cell", async () => {
    expect(await labelsAt('const threshold = 1;\nreturn thr|', 'ts')).toContain('threshold');
  });
});
