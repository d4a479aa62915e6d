// drizzle-kit reads this folder (drizzle.pg.config.ts). Every table mirrors schema/sqlite/ and infers the same row
// types, which same-rows.ts checks at compile time; stored_files alone has none (files stay on disk with SQLite).

export { runCallbacks } from './callbacks.ts'
export { chatTurns } from './chat.ts'
export { scheduleSlots, webhookDeliveries } from './claims.ts'
export { credentials } from './credentials.ts'
export { flows, flowVersions } from './flows.ts'
export { kbChunks, kbDocuments, kbTerms, knowledgeBases } from './knowledge.ts'
export { modelPrices } from './model-prices.ts'
export { demoMessages, feedItems, feeds, pages, publishReceipts } from './publishing.ts'
export { runs, runsNotKept } from './runs.ts'
export { settings } from './settings.ts'
export { flowCopies, flowShares } from './sharing.ts'
export { storedFiles } from './stored-files.ts'
export { apiTokens, sessions, users } from './users.ts'
