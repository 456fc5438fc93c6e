import type { SaveReason } from './records';
import { toStorageError, type StorageError } from './storage-error';

/** What the UI shows about saving. `at` is null when the text is as loaded and unsaved since. */
export type AutosaveStatus =
  | { readonly state: 'pending' }
  | { readonly state: 'saving' }
  | { readonly state: 'saved'; readonly at: number | null }
  | { readonly state: 'error'; readonly error: StorageError };

export interface AutosaverOptions {
  /** writes the text: the store's save, bound to the notebook's id and title */
  readonly save: (text: string, reason: SaveReason) => Promise<unknown>;
  /** the text as loaded (already stored), so that opening a notebook is not an edit */
  readonly savedText: string;
  readonly onStatus?: (status: AutosaveStatus) => void;
  /** quiet time after the last edit before saving; default 800 ms */
  readonly delay?: number;
  /** longest an edit waits while edits keep coming; default 5 s */
  readonly maxWait?: number;
  /** after a failed save with no new edit, try again this much later; default 30 s */
  readonly retryAfter?: number;
  readonly now?: () => number;
}

/**
 * Decides when a notebook's text is saved: shortly after the user pauses, at least every few
 * seconds while they keep editing, at once on flush. One save at a time: a save asked for during
 * another runs when it ends, with the newest text, so an older text can never land after a newer
 * one. A failed save leaves the text unsaved (the caller still holds it) and is tried again on
 * the next edit, on flush, or after `retryAfter`.
 *
 * The UI wires flush to Ctrl+S (`flush('manual')`) and to `pagehide` and `visibilitychange` to
 * hidden (`flush('autosave')`): the page may be frozen or discarded after those without warning.
 */
export class Autosaver {
  private readonly save: AutosaverOptions['save'];
  private readonly onStatus: AutosaverOptions['onStatus'];
  private readonly delay: number;
  private readonly maxWait: number;
  private readonly retryAfter: number;
  private readonly now: () => number;
  private saved: string;
  private latest: string;
  /** edits counted so flush can tell whether the text it was asked to save got saved */
  private edition = 0;
  private savedEdition = 0;
  private savedAt: number | null = null;
  private status: AutosaveStatus = { state: 'saved', at: null };
  private requested: SaveReason | null = null;
  private running: Promise<void> | null = null;
  private debounceTimer: ReturnType<typeof setTimeout> | null = null;
  private deadlineTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(options: AutosaverOptions) {
    this.save = options.save;
    this.onStatus = options.onStatus;
    this.delay = options.delay ?? 800;
    this.maxWait = options.maxWait ?? 5000;
    this.retryAfter = options.retryAfter ?? 30_000;
    this.now = options.now ?? Date.now;
    this.saved = this.latest = options.savedText;
  }

  /** Whether the newest text is not yet stored. */
  get dirty(): boolean {
    return this.latest !== this.saved;
  }

  /** The user changed the text: save it after a pause, or by the deadline if edits keep coming. */
  schedule(text: string): void {
    if (text === this.latest) return;
    this.latest = text;
    this.edition++;
    if (!this.dirty && !this.running) {
      // Back to the stored text (an edit undone): nothing to write. Not while a save runs: that
      // save is writing another text, and this one must follow it.
      this.clearTimers();
      this.savedEdition = this.edition;
      // An earlier failure no longer matters either: what is shown is stored.
      if (this.status.state !== 'saved') this.emit({ state: 'saved', at: this.savedAt });
      return;
    }
    if (this.status.state === 'saved') this.emit({ state: 'pending' });
    if (this.debounceTimer !== null) clearTimeout(this.debounceTimer);
    this.debounceTimer = setTimeout(() => void this.request('autosave'), this.delay);
    this.deadlineTimer ??= setTimeout(() => void this.request('autosave'), this.maxWait);
  }

  /**
   * Saves the newest text now (after a save in progress). Resolves to whether the text as it was
   * at the call is stored; failures are reported through onStatus, never thrown. A manual flush
   * also reaches the store when the text is unchanged, so it can mark the version a checkpoint.
   */
  async flush(reason: SaveReason = 'manual'): Promise<boolean> {
    const edition = this.edition;
    await this.request(reason);
    return this.savedEdition >= edition;
  }

  /** Stops the timers (a save in progress still completes). Flush first to keep pending edits. */
  dispose(): void {
    this.clearTimers();
  }

  private request(reason: SaveReason): Promise<void> {
    this.clearTimers();
    // A manual request is the stronger one: it also wants an unchanged text sent (see flush).
    if (this.requested !== 'manual') this.requested = reason;
    this.running ??= this.drain();
    return this.running;
  }

  /** Saves until no request is left; requests made meanwhile are served by the next turn. */
  private async drain(): Promise<void> {
    // Yield once so request() has stored this promise before the loop can end and clear it.
    await null;
    try {
      while (this.requested) {
        const reason = this.requested;
        this.requested = null;
        await this.saveLatest(reason);
      }
    } finally {
      // In the same step as the loop's last check, so no request can fall in between.
      this.running = null;
    }
  }

  /** One turn: saves the newest text unless it is stored already (a manual save always goes). */
  private async saveLatest(reason: SaveReason): Promise<void> {
    const text = this.latest;
    const edition = this.edition;
    if (text === this.saved && reason !== 'manual') {
      this.savedEdition = edition;
      return;
    }
    this.emit({ state: 'saving' });
    try {
      await this.save(text, reason);
      this.saved = text;
      this.savedEdition = edition;
      this.savedAt = this.now();
      this.emit({ state: 'saved', at: this.savedAt });
      if (this.dirty) this.emit({ state: 'pending' });
    } catch (error) {
      const failure = toStorageError(error);
      this.emit({ state: 'error', error: failure });
      // Storage that is unavailable stays so until a reload; retrying would only flicker.
      if (failure.kind !== 'unavailable' && !this.requested && this.debounceTimer === null) {
        this.deadlineTimer ??= setTimeout(() => void this.request('autosave'), this.retryAfter);
      }
    }
  }

  private clearTimers(): void {
    if (this.debounceTimer !== null) clearTimeout(this.debounceTimer);
    if (this.deadlineTimer !== null) clearTimeout(this.deadlineTimer);
    this.debounceTimer = this.deadlineTimer = null;
  }

  private emit(status: AutosaveStatus): void {
    this.status = status;
    try {
      this.onStatus?.(status);
    } catch (error) {
      // A failing listener must not stop saving; let it surface as an uncaught error instead.
      queueMicrotask(() => {
        throw error;
      });
    }
  }
}
