/**
 * Saving a file in the browser. Nothing leaves the machine: the bytes become a Blob, the Blob an
 * object URL (same origin, no network), and a click on a temporary `<a download>` hands it to the
 * browser's own download, which asks where to save or saves to the downloads folder.
 */

/**
 * How long the object URL stays valid after the click. Revoking at once can cancel the download in
 * some browsers (the click only starts it); FileSaver.js waits 40 s for the same reason.
 */
const REVOKE_AFTER_MS = 40_000;

/** Saves bytes as a file named `fileName` of type `mime`; the object URL is revoked afterwards. */
export function download(fileName: string, mime: string, bytes: Uint8Array): void {
  // the Blob copies the bytes; the exporters' arrays are on plain ArrayBuffers (never shared
  // memory, which a Blob refuses), which the type of `bytes` does not say
  const blob = new Blob([bytes as Uint8Array<ArrayBuffer>], { type: mime });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  link.style.display = 'none';
  document.body.append(link);
  try {
    link.click();
  } finally {
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), REVOKE_AFTER_MS);
  }
}
