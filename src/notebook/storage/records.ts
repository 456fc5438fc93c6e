/**
 * What the notebook store keeps, as the app sees it. A notebook is stored as its file text (the
 * format/ writer's output): storage never parses it, so a notebook the reader cannot read yet is
 * still kept intact.
 */

/** A stored notebook's id, unique in this browser profile. */
export type NotebookId = string & { readonly __brand: 'NotebookId' };

/** Makes a NotebookId from text (ids come from the store's generator or from a saved URL). */
export function notebookId(id: string): NotebookId {
  return id as NotebookId;
}

/**
 * Where a notebook came from: made here, opened from a file, or shipped with the app. The UI uses
 * it with the trusted hashes to decide whether the notebook may run without asking.
 */
export type NotebookOrigin = 'local' | 'file' | 'bundled';

/** Why a version was recorded; retention keeps deliberate versions longer than autosaves. */
export type SaveReason = 'autosave' | 'manual' | 'restore' | 'import';

/** A notebook without its text: what a list of notebooks needs. */
export interface NotebookSummary {
  readonly id: NotebookId;
  readonly title: string;
  readonly origin: NotebookOrigin;
  readonly createdAt: number;
  /** when the title or text last changed (ms since the epoch, from the store's clock) */
  readonly updatedAt: number;
  /** UTF-8 bytes of the current text */
  readonly size: number;
  /** the version that holds the current text; also the highest version id so far */
  readonly versionId: number;
}

/** A notebook with its current text. */
export interface StoredNotebook extends NotebookSummary {
  readonly text: string;
}

/** One recorded version of a notebook's text, without the text. */
export interface VersionSummary {
  readonly notebookId: NotebookId;
  /** 1, 2, 3... per notebook, never reused while the notebook exists */
  readonly versionId: number;
  readonly savedAt: number;
  /** the notebook's title when this version was saved */
  readonly title: string;
  readonly reason: SaveReason;
  /** UTF-8 bytes of the text */
  readonly size: number;
}

/** A version with its text. */
export interface StoredVersion extends VersionSummary {
  readonly text: string;
}

/** A notebook content hash the user chose to run; such notebooks run without asking next time. */
export interface TrustRecord {
  readonly hash: string;
  readonly trustedAt: number;
}

/** UTF-8 byte length without encoding the (possibly multi-megabyte) string. */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      bytes += 4; // a surrogate pair is one 4-byte code point
      i++;
    } else bytes += 3; // BMP, or a lone surrogate (encoded as U+FFFD, 3 bytes)
  }
  return bytes;
}
