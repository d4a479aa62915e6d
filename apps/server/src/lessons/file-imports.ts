/** The largest lesson pack or run file an import takes, in bytes. */
export const MAX_IMPORT_BYTES = 32 * 1024 * 1024

const IMPORTS = new Set(['/api/lesson-packs/import', '/api/runs/import'])

/** Whether a request imports a lesson pack or a run file, whose limit is MAX_IMPORT_BYTES, not ZHILIU_BODY_LIMIT. */
export const isFileImport = (path: string): boolean => IMPORTS.has(path)
