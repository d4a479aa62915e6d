// The AI node tests run the real gateway (and so the real openai SDK) against the fake OpenAI server over HTTP: only
// the outside world is faked. A package of its own because @zhiliu/models depends on @zhiliu/nodes: the node
// package's tests use this one without declaring it, which would make a workspace cycle.
import { type FakeOpenAI, startFakeOpenAI } from '@zhiliu/fake-openai'
import { createModelGateway, demoProvider, presetById, type ResolvedProvider } from '@zhiliu/models'
import type { ModelGateway, NodeContext } from '@zhiliu/nodes'
import { createTestContext, type TestContext } from '@zhiliu/nodes/test-context'

export { type FakeOpenAI, startFakeOpenAI }

export function fakeProvider(fake: FakeOpenAI, presetId = 'deepseek'): ResolvedProvider {
  const preset = presetById(presetId)
  if (!preset) throw new Error(`no preset ${presetId}`)
  return { id: `cred_${presetId}`, preset, baseURL: fake.url, apiKey: 'sk-fake-key' }
}

/** A context whose models are the real gateway pointed at the fake server as the given provider. */
export function contextWith(
  fake: FakeOpenAI,
  presetId = 'deepseek',
  overrides: Partial<NodeContext> = {},
): TestContext {
  return createTestContext({
    models: createModelGateway({ resolveProvider: () => fakeProvider(fake, presetId) }),
    ...overrides,
  })
}

/** A context whose models are the offline demo model, streaming without pauses. */
export function demoContext(overrides: Partial<NodeContext> = {}): TestContext {
  const models: ModelGateway = createModelGateway({
    resolveProvider: demoProvider,
    demo: { chunkDelayMs: 0 },
  })
  return createTestContext({ models, ...overrides })
}
