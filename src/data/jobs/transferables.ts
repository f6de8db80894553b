/** The ArrayBuffers inside a result (typed arrays at any depth), to transfer rather than copy. */
export function collectTransferables(value: unknown, seen = new Set<ArrayBuffer>()): ArrayBuffer[] {
  if (ArrayBuffer.isView(value)) {
    const buffer = value.buffer as ArrayBuffer;
    // Only whole buffers can move; a view into a shared buffer is copied with the rest.
    if (value.byteOffset === 0 && value.byteLength === buffer.byteLength) seen.add(buffer);
  } else if (Array.isArray(value)) {
    for (const v of value) collectTransferables(v, seen);
  } else if (value !== null && typeof value === 'object') {
    for (const v of Object.values(value)) collectTransferables(v, seen);
  }
  return [...seen];
}
