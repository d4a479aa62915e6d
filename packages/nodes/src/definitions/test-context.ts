import type { Clock, NodeChunk, NodeContext } from '../context.ts'
import type { AnyNodeDefinition, NodeInput } from '../define-node.ts'
import { NodeError } from '../errors.ts'
import { inThreadExpressions } from '../expression/expression-evaluator.ts'

/**
 * Test support only: a NodeContext of local fakes. Anything a test does not override fails loudly when used, so a
 * node can never reach the real network or a model by accident. The clock does not really wait; `sleeps` records
 * what was asked for.
 */
export interface TestContext extends NodeContext {
  readonly sleeps: number[]
  readonly chunks: NodeChunk[]
}

const unavailable = (what: string) => () => {
  throw new Error(`${what} is not available in this test context`)
}

export function createTestContext(overrides: Partial<NodeContext> = {}): TestContext {
  const sleeps: number[] = []
  const chunks: NodeChunk[] = []
  const clock: Clock = {
    now: () => Date.parse('2025-01-02T03:04:05.000Z'),
    sleep: (ms, signal) => {
      sleeps.push(ms)
      if (signal?.aborted) return Promise.reject(signal.reason)
      return Promise.resolve()
    },
  }
  const silent = () => {}
  return {
    runId: 'run_test',
    nodeId: 'node_test',
    nodeKey: 'node_test',
    attempt: 1,
    idempotencyKey: 'run_test:node_test',
    signal: new AbortController().signal,
    fetch: unavailable('fetch'),
    secrets: { get: unavailable('secrets') },
    models: { chat: unavailable('models') },
    publish: {
      addFeedItem: unavailable('publish'),
      putPage: unavailable('publish'),
      writeFile: unavailable('publish'),
      sendMail: unavailable('publish'),
      sendDemo: unavailable('publish'),
    },
    media: { save: unavailable('media'), open: unavailable('media') },
    flows: { describe: unavailable('flows'), call: unavailable('flows') },
    tools: { resolve: unavailable('tools') },
    knowledge: { search: unavailable('knowledge') },
    expressions: inThreadExpressions,
    mcp: { tools: unavailable('mcp') },
    clock,
    logger: { debug: silent, info: silent, warn: silent, error: silent },
    emit: (chunk) => chunks.push(chunk),
    linkRun: silent,
    sleeps,
    chunks,
    ...overrides,
  }
}

/**
 * Runs a definition the way the engine does once templates are rendered: parse the config with the node's schema
 * (applying defaults), then call `run`.
 */
export function runNode(
  def: AnyNodeDefinition,
  config: Record<string, unknown>,
  input: Omit<NodeInput<unknown>, 'config'> = { inputs: {} },
  ctx: NodeContext = createTestContext(),
): Promise<unknown> {
  const parsed = def.config.parse(config)
  // As the engine sees it: a synchronous `run`'s value or throw counts as its promise's.
  return new Promise((resolve) => resolve(def.run({ ...input, config: parsed }, ctx)))
}

/** The NodeError a promise rejects with; fails the test when it resolves or rejects with anything else. */
export async function nodeError(promise: Promise<unknown>): Promise<NodeError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  )
  if (!(err instanceof NodeError)) throw new Error(`expected a NodeError, got ${String(err)}`)
  return err
}
