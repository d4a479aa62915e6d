/**
 * Where generated images and audio are kept: by the server under DATA_DIR/media, served at `/media/<id>`; by the CLI
 * in a local folder. Every save carries a key (the node's idempotency key and the item's index): a key seen before
 * stores nothing and answers what the first save did, with `duplicate: true`, so a retried or resumed run never
 * stores twice. Only raster images and audio are taken, checked by their bytes; never SVG, HTML or anything else a
 * browser would run.
 */
export interface MediaStore {
  save(media: MediaRequest): Promise<MediaReceipt>
  /**
   * Stored media by its id or by an address this store gave out. Undefined when `ref` is neither (say, a URL
   * elsewhere); fails with MEDIA_NOT_FOUND when it is one but nothing is stored under it.
   */
  open(ref: string): Promise<StoredMedia | undefined>
}

export interface MediaRequest {
  key: string
  bytes: Uint8Array
  /** What the bytes claim to be; the store trusts the bytes' own signature over it where it can read one. */
  mimeType: string
}

export interface MediaReceipt {
  /** Chosen by the store, e.g. `3f9c…e1.png`; the last part of `url`. */
  id: string
  /** Server: `/media/<id>` (absolute with ZHILIU_PUBLIC_URL). CLI: a `file://` URL. */
  url: string
  mimeType: string
  bytes: number
  duplicate: boolean
}

export interface StoredMedia {
  id: string
  bytes: Uint8Array
  mimeType: string
}
