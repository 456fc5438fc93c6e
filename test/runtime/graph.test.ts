import { describe, expect, it } from 'vitest';
import { cellId, type CellId } from '../../src/notebook/document';
import { buildGraph, downstreamOf, type GraphNode } from '../../src/runtime/graph';

const node = (id: string, defines?: string, references: string[] = []): GraphNode => ({ id: cellId(id), ...(defines ? { defines } : {}), references });
const ids = (list: Iterable<CellId>) => [...list].map(String);

describe('buildGraph', () => {
  it('orders cells by what they read, not by page order', () => {
    const graph = buildGraph([node('c', 'score', ['matrix', 'w']), node('b', 'matrix', ['loans']), node('a', 'w'), node('m')]);
    expect(ids(graph.order)).toEqual(['b', 'a', 'c', 'm']);
    expect(ids(graph.upstream.get(cellId('c'))!)).toEqual(['b', 'a']);
    expect(graph.problems.size).toBe(0);
  });

  it('reports a name defined twice on both cells, and makes readers of it depend on both', () => {
    const graph = buildGraph([node('a', 'x'), node('b', 'x'), node('c', 'y', ['x'])]);
    expect(graph.problems.get(cellId('a'))).toEqual({ kind: 'duplicate', name: 'x', cells: ['a', 'b'] });
    expect(graph.problems.get(cellId('b'))).toMatchObject({ kind: 'duplicate' });
    expect(graph.problems.has(cellId('c'))).toBe(false);
    expect(graph.upstream.get(cellId('c'))).toEqual(['a', 'b']);
    expect(graph.downstream.get(cellId('a'))).toEqual(['c']);
    expect(graph.definers.has('x')).toBe(false);
  });

  it('reports a cycle on every cell in it and keeps the rest runnable', () => {
    const graph = buildGraph([node('a', 'a1', ['c1']), node('b', 'b1', ['a1']), node('c', 'c1', ['b1']), node('d', 'd1'), node('e', 'e1', ['d1']), node('s', 's1', ['s1'])]);
    expect(graph.problems.get(cellId('a'))).toEqual({ kind: 'cycle', cells: expect.arrayContaining(['a', 'b', 'c']) });
    expect(graph.problems.get(cellId('s'))).toEqual({ kind: 'cycle', cells: ['s'] });
    expect(graph.problems.has(cellId('d'))).toBe(false);
    expect(ids(graph.order).slice(0, 2)).toEqual(['d', 'e']);
  });

  it('finds everything downstream of a change, each once', () => {
    const graph = buildGraph([node('w', 'w'), node('a', 'a', ['w']), node('b', 'b', ['w', 'a']), node('c', 'c', ['b']), node('z', 'z')]);
    expect(ids(downstreamOf(graph, [cellId('w')])).sort()).toEqual(['a', 'b', 'c', 'w']);
    expect(ids(downstreamOf(graph, [cellId('z')]))).toEqual(['z']);
  });
});
