/** Reads a File into memory in chunks, reporting progress and honouring an AbortSignal. */
export async function readFileBytes(
  file: Blob,
  onProgress?: (done: number, total: number) => void,
  signal?: AbortSignal,
): Promise<Uint8Array> {
  const out = new Uint8Array(file.size);
  const reader = file.stream().getReader();
  let offset = 0;
  try {
    for (;;) {
      if (signal?.aborted) throw signal.reason ?? new DOMException('Aborted', 'AbortError');
      const { done, value } = await reader.read();
      if (done) break;
      out.set(value, offset);
      offset += value.length;
      onProgress?.(offset, file.size);
    }
  } finally {
    reader.releaseLock();
  }
  return offset === out.length ? out : out.subarray(0, offset);
}
