import type { CellDigest } from '../../notebook/document';
import type { Display, SandboxInput } from '../contracts';

/**
 * The messages between the page ("host": sandbox-host.ts) and the sandbox ("core":
 * sandbox-core.ts). The same messages cross a Worker boundary (WorkerSandbox) or a function call
 * (InlineSandbox), so both run one protocol. All are structured-cloneable.
 *
 * The core keeps values; the host keeps what is needed to make them again. When the core lacks
 * an input (a table at a version, another cell's value at a version) it says so with `need`, and
 * the host supplies it: a table by querying DuckDB; a cell by re-running that cell's last good run
 * in this sandbox. When a sandbox replaces a live one (new code), it first adopts copies of the old
 * one's values (`export` → `exported` → `adopt`; plain data and tables only, see portable.ts).
 */

/** A SQL parameter as DuckDB binds it. */
export type SqlParam = string | number | boolean | null;

/** A position in a compiled cell's JavaScript (1-based), as an error's stack reported it. */
export interface JsPosition {
  readonly line: number;
  readonly column: number;
}

// host → core

export interface RunMessage {
  readonly type: 'run';
  readonly runId: number;
  /** which compiled function (see CodeRegistry) */
  readonly code: string;
  readonly name: string;
  readonly version: number;
  /** the function's reference parameters, in order (after the sandbox's own names) */
  readonly params: readonly string[];
  readonly inputs: Readonly<Record<string, SandboxInput>>;
}

/** A cell's value copied out of one sandbox for another: a table as IPC, plain data as it is. */
export type Portable = { readonly kind: 'table'; readonly ipc: Uint8Array } | { readonly kind: 'data'; readonly value: unknown };

export type Supply =
  | { readonly kind: 'table'; readonly ipc: Uint8Array }
  /** the cell's value is now in the sandbox (it was re-run there) */
  | { readonly kind: 'cell' }
  /** the cell's value, copied from the sandbox before this one */
  | { readonly kind: 'value'; readonly value: Portable }
  | { readonly kind: 'missing'; readonly message: string };

export interface SupplyMessage {
  readonly type: 'supply';
  readonly needId: number;
  readonly supply: Supply;
}

export interface AnswerMessage {
  readonly type: 'answer';
  readonly queryId: number;
  readonly ipc?: Uint8Array;
  readonly error?: string;
}

export interface ForgetMessage {
  readonly type: 'forget';
  readonly name: string;
}

/** Asks a sandbox that is being replaced for a copy of a cell's value. */
export interface ExportMessage {
  readonly type: 'export';
  readonly exportId: number;
  readonly name: string;
  readonly version: number;
}

/** Gives a new sandbox a value copied from the one it replaced. */
export interface AdoptMessage {
  readonly type: 'adopt';
  readonly name: string;
  readonly version: number;
  readonly value: Portable;
}

export type HostMessage = RunMessage | SupplyMessage | AnswerMessage | ForgetMessage | ExportMessage | AdoptMessage;

// core → host

export interface ReadyMessage {
  readonly type: 'ready';
}

export interface NeedMessage {
  readonly type: 'need';
  readonly runId: number;
  readonly needId: number;
  readonly input: Extract<SandboxInput, { kind: 'table' | 'cell' }>;
}

export interface QueryMessage {
  readonly type: 'query';
  readonly runId: number;
  readonly queryId: number;
  readonly sql: string;
  readonly params: readonly SqlParam[];
}

export type RunOutcome =
  | { readonly ok: true; readonly display: Display; readonly digest: CellDigest; readonly tableIpc?: Uint8Array }
  | { readonly ok: false; readonly message: string; readonly at?: JsPosition };

export interface DoneMessage {
  readonly type: 'done';
  readonly runId: number;
  readonly outcome: RunOutcome;
}

/** The answer to an export: the copy, or nothing when the value is not there or cannot be copied. */
export interface ExportedMessage {
  readonly type: 'exported';
  readonly exportId: number;
  readonly value?: Portable;
}

export type CoreMessage = ReadyMessage | NeedMessage | QueryMessage | DoneMessage | ExportedMessage;
