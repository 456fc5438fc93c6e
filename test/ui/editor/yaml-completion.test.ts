import { describe, expect, it } from 'vitest';
import { labelsAt, offeredAt, stateAt } from './support';

describe('input definition completion (YAML)', () => {
  it('completes the keys of an input definition at the start of a line', async () => {
    const { state, pos } = stateAt('type: slider\nmi|', 'yaml');
    expect(await offeredAt(state, pos)).toEqual([{ label: 'min', detail: undefined, insert: 'min: ' }]);
  });

  it('completes the kinds of input after `type:`', async () => {
    expect(await labelsAt('type: s|', 'yaml')).toEqual(['slider', 'select']);
  });

  it('offers nothing inside a value', async () => {
    expect(await labelsAt('label: Cut|', 'yaml')).toEqual([]);
  });
});
