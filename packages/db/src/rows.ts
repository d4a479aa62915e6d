import type {
  apiTokens,
  credentials,
  flowCopies,
  flowShares,
  flows,
  flowVersions,
  modelPrices,
  openRunStatuses,
  runs,
  sessions,
  settings,
  users,
} from './schema/sqlite/index.ts'

export type { TokenPrice } from './schema/sqlite/model-prices.ts'

/** A status of a run that has not ended (see runs_open_idx). */
export type OpenRunStatus = (typeof openRunStatuses)[number]

// Row types come from the SQLite tables, the reference schema. A PostgreSQL schema must infer the same shapes
// (ms integers as `number`, JSON as the same `$type`), so nothing here is specific to SQLite.

type UserRow = typeof users.$inferSelect
export type UserRole = UserRow['role']
/** A user as the API may show it. */
export type User = Omit<UserRow, 'passwordHash'>
/** Only for signing in. */
export type UserWithPassword = UserRow
export type UserPatch = Partial<Pick<UserRow, 'role' | 'passwordHash' | 'disabledAt'>>
export type NewUser = Pick<typeof users.$inferInsert, 'email' | 'passwordHash' | 'role' | 'name'>

export type Session = typeof sessions.$inferSelect
export type NewSession = Pick<typeof sessions.$inferInsert, 'id' | 'userId' | 'expiresAt'>

/** The hash stays in the store: it is only ever compared, never shown. */
export type ApiToken = Omit<typeof apiTokens.$inferSelect, 'tokenHash'>
export type NewApiToken = Pick<typeof apiTokens.$inferInsert, 'name' | 'tokenHash'>

export type FlowRecord = typeof flows.$inferSelect
/** A flow without its document, for lists. */
export type FlowSummary = Omit<FlowRecord, 'document'>
/** What a save writes. The flow's name is the document's name, so it is not a separate field. */
export type FlowDraft = { document: FlowRecord['document']; webhookPath?: string | null }
export type FlowVersion = typeof flowVersions.$inferSelect
/** A flow's read-only share link. */
export type FlowShare = typeof flowShares.$inferSelect
/** A flow copied from another one's share link: its lesson. */
export type FlowCopy = typeof flowCopies.$inferSelect
export type FlowVersionSummary = Omit<FlowVersion, 'document'>

/** A run row as stored: packed or plain (see packed-run.ts); run-row.ts makes it a `Run`. */
export type RunRow = typeof runs.$inferSelect
/** A run as every reader sees it: its values in their columns, whether its row is packed or plain. */
export type Run = Omit<RunRow, 'packed' | 'event'> & { event: NonNullable<RunRow['event']> }
/**
 * A run without its event, output and document payloads, for lists; `inputPreview` is the start of its input (the
 * event's body: a string as it is, anything else as JSON), at most INPUT_PREVIEW_CHARS characters.
 */
export type RunSummary = Omit<Run, 'event' | 'output' | 'document' | 'pausedBefore' | 'results'> & {
  inputPreview: string | null
}

/** How much of a run's input a list shows: enough to tell runs apart, never the whole body. */
export const INPUT_PREVIEW_CHARS = 120
export type RunTrigger = Run['trigger']

type CredentialRow = typeof credentials.$inferSelect
/** A credential as lists and the API see it: never the ciphertext. */
export type Credential = Omit<CredentialRow, 'ciphertext'>
/** Server-internal: what the secret reader decrypts. */
export type CredentialWithCiphertext = CredentialRow
/** The encrypted secret and its mask change together. */
export type CredentialSecret = Pick<CredentialRow, 'ciphertext' | 'keyId' | 'hint'>
/**
 * `id` may be chosen by the caller: the server seals the secret with the credential's id as context before the row
 * exists, so a sealed value cannot be moved onto another row. Left out, the store generates one.
 */
export type NewCredential = Pick<CredentialRow, 'name' | 'type'> & CredentialSecret & { id?: string }

/** One model's price set on this server (it overrides the built-in table for that model). */
export type ModelPriceRecord = typeof modelPrices.$inferSelect

/** A server-wide setting as stored; `value` is checked by the server, which owns each setting's shape. */
export type SettingRecord = typeof settings.$inferSelect
