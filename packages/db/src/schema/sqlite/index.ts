// drizzle-kit reads this folder; the store passes it to drizzle so relational typing sees every table.

export { callbackStates, runCallbacks } from './callbacks.ts'
export { type ChatCitation, chatTurns } from './chat.ts'
export { scheduleSlots, webhookDeliveries } from './claims.ts'
export { credentials } from './credentials.ts'
export { flows, flowVersions } from './flows.ts'
export { kbChunks, kbDocumentStatuses, kbDocuments, kbTerms, knowledgeBases } from './knowledge.ts'
export { modelPrices } from './model-prices.ts'
export {
  demoChannels,
  demoFormats,
  demoMessages,
  feedItems,
  feeds,
  pages,
  publishKinds,
  publishReceipts,
  publishStates,
} from './publishing.ts'
export {
  nodeStatuses,
  openRun,
  openRunStatuses,
  runStatuses,
  runs,
  runsNotKept,
  runTriggers,
} from './runs.ts'
export { settings } from './settings.ts'
export { flowCopies, flowShares } from './sharing.ts'
export { apiTokens, sessions, userRoles, users } from './users.ts'
