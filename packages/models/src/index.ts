export { type Backends, type BackendsOptions, createBackends } from './create-backends.ts'
export type { DemoOptions } from './create-demo-backend.ts'
export {
  createModelGateway,
  type MeteredModelGateway,
  type ModelGatewayOptions,
} from './create-model-gateway.ts'
export { createRecordingGateway, type RecordingGateway } from './create-recording-gateway.ts'
export { createReplayGateway, type ReplayOptions } from './create-replay-gateway.ts'
export { defaultProviderFromEnv, demoProvider } from './default-provider.ts'
export type { DemoInput, DemoScript } from './demo-answers.ts'
export { type EmbeddingCall, embedTexts, type RerankCall, rerank } from './embeddings.ts'
export {
  CNY_PER_USD,
  CurrencyPrice,
  completePrice,
  costOf,
  defaultModelPrices,
  ModelPrice,
  ModelPrices,
} from './model-prices.ts'
export {
  MODEL_PROVIDER_CREDENTIAL,
  ProviderCredential,
  providerFromCredential,
} from './provider-credential.ts'
export {
  ProviderCapabilities,
  ProviderPreset,
  presetById,
  presetForBaseURL,
  providerPresets,
} from './provider-presets.ts'
export { RecordingFile, type RecordingSource } from './recording-file.ts'
export { providerName, type ResolvedProvider, suggestedModels } from './resolved-provider.ts'
export { type ConnectionProblem, type ConnectionResult, testConnection } from './test-connection.ts'
export type { RunUsage, TokenBudget } from './token-meter.ts'
