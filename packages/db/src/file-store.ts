/**
 * Bytes kept by name for every process that serves them: uploaded and generated media today. The server picks the
 * implementation with the store: a folder under DATA_DIR beside the SQLite file (one machine), a table in PostgreSQL
 * with DATABASE_URL, so an API process serves what a worker wrote. Every put carries a key (the node's idempotency key,
 * or a fresh one for an upload): a key stored before stores nothing again and answers the first file, so a retried
 * or resumed run never stores twice, whichever process resumes it.
 */
export interface FileStore {
  put(file: NewStoredFile): Promise<StoredFileInfo & { duplicate: boolean }>
  /** Undefined when nothing is stored under `name`, or when `name` is not one a put could have used. */
  get(name: string): Promise<StoredFile | undefined>
  /** Whether there was a file to delete. Its key is forgotten with it. */
  delete(name: string): Promise<boolean>
  list(): Promise<StoredFileInfo[]>
}

export interface NewStoredFile {
  /** A file name without a folder (see FILE_NAME), chosen by the caller; media stores use 128 random bits. */
  name: string
  key: string
  contentType: string
  bytes: Uint8Array
}

export interface StoredFileInfo {
  name: string
  contentType: string
  /** In bytes. */
  size: number
}

export interface StoredFile extends StoredFileInfo {
  bytes: Uint8Array
}

/** One flat namespace: no folder, nothing that starts with a dot, so no name reaches beyond a disk store's folder. */
export const FILE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,199}$/

export function checkFileName(name: string): void {
  if (!FILE_NAME.test(name)) throw new Error(`"${name.slice(0, 80)}" is not a stored file's name`)
}
