import type { CellId } from '../notebook/document';

/** A cell as the graph sees it: what name it defines and which names it refers to. */
export interface GraphNode {
  readonly id: CellId;
  /** the name the cell defines, if any */
  readonly defines?: string;
  /** names the cell's text refers to (names no cell defines are ignored: tables, globals) */
  readonly references: readonly string[];
}

/** Why a cell cannot run, found from the graph alone. */
export type GraphProblem =
  | { readonly kind: 'duplicate'; readonly name: string; readonly cells: readonly CellId[] }
  | { readonly kind: 'cycle'; readonly cells: readonly CellId[] };

export interface DependencyGraph {
  /** the cells each cell reads from (its upstream), by id */
  readonly upstream: ReadonlyMap<CellId, readonly CellId[]>;
  /** the cells that read each cell (its downstream), by id */
  readonly downstream: ReadonlyMap<CellId, readonly CellId[]>;
  /** every cell in an order where each comes after the cells it reads (cells in cycles last) */
  readonly order: readonly CellId[];
  /** problems, per cell involved */
  readonly problems: ReadonlyMap<CellId, GraphProblem>;
  /** which cell defines each name (only names defined exactly once) */
  readonly definers: ReadonlyMap<string, CellId>;
}

/**
 * Builds the dependency graph from the names cells define and reference: never from page order.
 * A name defined twice is a problem on every cell defining it, and a reference to it depends on
 * all of them (so the reader waits for, and fails with, those cells rather than reading what an
 * earlier run left under that name); a cycle is a problem on every cell in it. Both leave the
 * rest of the graph usable.
 */
export function buildGraph(nodes: readonly GraphNode[]): DependencyGraph {
  const byName = new Map<string, CellId[]>();
  for (const node of nodes) {
    if (node.defines === undefined) continue;
    const list = byName.get(node.defines) ?? [];
    list.push(node.id);
    byName.set(node.defines, list);
  }
  const problems = new Map<CellId, GraphProblem>();
  const definers = new Map<string, CellId>();
  for (const [name, cells] of byName) {
    if (cells.length === 1) definers.set(name, cells[0]!);
    else for (const id of cells) problems.set(id, { kind: 'duplicate', name, cells });
  }
  const upstream = new Map<CellId, CellId[]>();
  const downstream = new Map<CellId, CellId[]>(nodes.map((n) => [n.id, []]));
  for (const node of nodes) {
    const from = [...new Set(node.references.flatMap((r) => byName.get(r) ?? []))];
    upstream.set(node.id, from);
    for (const id of from) downstream.get(id)!.push(node.id);
  }
  for (const cycle of cycles(nodes.map((n) => n.id), upstream)) {
    for (const id of cycle) if (!problems.has(id)) problems.set(id, { kind: 'cycle', cells: cycle });
  }
  return { upstream, downstream, order: topologicalOrder(nodes.map((n) => n.id), upstream), problems, definers };
}

/** Strongly connected components with more than one cell, or a cell reading itself (Tarjan). */
function cycles(ids: readonly CellId[], upstream: ReadonlyMap<CellId, readonly CellId[]>): CellId[][] {
  const index = new Map<CellId, number>();
  const low = new Map<CellId, number>();
  const stack: CellId[] = [];
  const onStack = new Set<CellId>();
  const found: CellId[][] = [];
  let counter = 0;
  const visit = (v: CellId) => {
    index.set(v, counter);
    low.set(v, counter);
    counter++;
    stack.push(v);
    onStack.add(v);
    for (const w of upstream.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) {
        low.set(v, Math.min(low.get(v)!, index.get(w)!));
      }
    }
    if (low.get(v) === index.get(v)) {
      const component: CellId[] = [];
      let w: CellId;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1 || (upstream.get(v) ?? []).includes(v)) found.push(component.reverse());
    }
  };
  for (const id of ids) if (!index.has(id)) visit(id);
  return found;
}

/** Kahn's algorithm, ties broken by page order so runs are deterministic; leftovers (cycles) last. */
function topologicalOrder(ids: readonly CellId[], upstream: ReadonlyMap<CellId, readonly CellId[]>): CellId[] {
  const position = new Map(ids.map((id, i) => [id, i]));
  const pending = new Map(ids.map((id) => [id, (upstream.get(id) ?? []).length]));
  const readers = new Map<CellId, CellId[]>(ids.map((id) => [id, []]));
  for (const id of ids) for (const from of upstream.get(id) ?? []) readers.get(from)?.push(id);
  const ready = ids.filter((id) => pending.get(id) === 0);
  const order: CellId[] = [];
  while (ready.length > 0) {
    ready.sort((a, b) => position.get(b)! - position.get(a)!);
    const next = ready.pop()!;
    order.push(next);
    for (const reader of readers.get(next) ?? []) {
      const left = pending.get(reader)! - 1;
      pending.set(reader, left);
      if (left === 0) ready.push(reader);
    }
  }
  const placed = new Set(order);
  return [...order, ...ids.filter((id) => !placed.has(id))];
}

/** A cell and everything downstream of it, each once. */
export function downstreamOf(graph: DependencyGraph, ids: Iterable<CellId>): Set<CellId> {
  const seen = new Set<CellId>();
  const visit = (id: CellId) => {
    if (seen.has(id)) return;
    seen.add(id);
    for (const next of graph.downstream.get(id) ?? []) visit(next);
  };
  for (const id of ids) visit(id);
  return seen;
}
