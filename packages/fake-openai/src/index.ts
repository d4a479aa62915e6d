export type {
  FakeAnswer,
  FakeFault,
  FakeOpenAIOptions,
  FakeStep,
  FakeToolCall,
  FakeUsage,
  RecordedRequest,
} from './fake-step.ts'
export { FAKE_PNG, fakeSeconds, IMAGE_TOKENS } from './media-endpoints.ts'
export { fakeEmbedding } from './retrieval-endpoints.ts'
export { type FakeOpenAI, startFakeOpenAI } from './start-fake-openai.ts'
