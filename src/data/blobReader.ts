/**
 * Reads a Blob (a File chosen by the user, or one restored from IndexedDB) in large slices, so the
 * import loop pays one await per few megabytes rather than one per 64 KiB stream chunk.
 */
export const SLICE_BYTES = 8 << 20;

export async function* blobChunks(
  blob: Blob,
  sliceBytes = SLICE_BYTES,
): AsyncGenerator<Uint8Array> {
  for (let start = 0; start < blob.size; start += sliceBytes) {
    const buffer = await blob.slice(start, Math.min(blob.size, start + sliceBytes)).arrayBuffer();
    yield new Uint8Array(buffer);
  }
}

export async function readRange(blob: Blob, start: number, end: number): Promise<Uint8Array> {
  return new Uint8Array(await blob.slice(start, end).arrayBuffer());
}
