// Browser-safe base64 (no Buffer): signatures, data: URLs and images a provider returns inline.

/** Chunked: spreading megabytes of an image into one call would overflow the stack. */
export function toBase64(bytes: Uint8Array): string {
  let binary = ''
  for (let at = 0; at < bytes.length; at += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(at, at + 0x8000))
  }
  return btoa(binary)
}

/** Undefined for text that is not base64, so callers can say which setting or value is wrong. */
export function fromBase64(text: string): Uint8Array | undefined {
  try {
    return Uint8Array.from(atob(text), (char) => char.charCodeAt(0))
  } catch {
    return undefined
  }
}
