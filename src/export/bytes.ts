/**
 * Text to bytes in pieces. A CSV of a million rows is hundreds of megabytes of text, near the
 * largest string a browser makes, so text is gathered in pieces of about a megabyte, each encoded
 * as it fills, and the bytes joined once at the end.
 */

/** Characters gathered before a piece is encoded. */
const PIECE_CHARS = 1 << 20;

export class ByteWriter {
  private readonly pieces: Uint8Array[] = [];
  private parts: string[] = [];
  private chars = 0;

  /** `encode` must accept any text written (the caller checked it). */
  constructor(private readonly encode: (text: string) => Uint8Array) {}

  /** Raw bytes (a byte-order mark) before or between text. */
  bytes(bytes: Uint8Array): void {
    this.flush();
    this.pieces.push(bytes);
  }

  text(text: string): void {
    this.parts.push(text);
    this.chars += text.length;
    if (this.chars >= PIECE_CHARS) this.flush();
  }

  /** Everything written, as one array. */
  finish(): Uint8Array {
    this.flush();
    return concatBytes(this.pieces);
  }

  private flush(): void {
    if (this.parts.length === 0) return;
    this.pieces.push(this.encode(this.parts.join('')));
    this.parts = [];
    this.chars = 0;
  }
}

/** The arrays one after another. */
function concatBytes(pieces: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(pieces.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of pieces) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
