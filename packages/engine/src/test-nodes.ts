import {
  type AnyNodeDefinition,
  builtinNodes,
  defineNode,
  Flow,
  type FlowInput,
  type NodeContext,
  type NodeInput,
  type PortSpec,
  type SideEffects,
} from '@zhiliu/nodes'
import { z } from 'zod'

/**
 * Test support only: small definitions whose behaviour each test supplies, and a terse flow builder. Config is a
 * free record so tests can pass anything; templates in it are rendered like any node's.
 */
export function testNode(
  type: string,
  /** May return its value itself, as a synchronous node does. */
  run: (input: NodeInput<Record<string, unknown>>, ctx: NodeContext) => unknown,
  options: { outputs?: readonly string[]; multiple?: boolean; sideEffects?: false | SideEffects } = {},
): AnyNodeDefinition {
  const port = (name: string): PortSpec => ({ name, label: { 'zh-CN': name, en: name } })
  return defineNode({
    type,
    version: 1,
    category: 'data',
    title: { 'zh-CN': type, en: type },
    description: { 'zh-CN': type, en: type },
    inputs: [{ ...port('in'), multiple: options.multiple ?? false }],
    outputs: (options.outputs ?? ['out']).map(port),
    config: z.record(z.string(), z.unknown()),
    output: z.unknown(),
    sideEffects: options.sideEffects ?? false,
    run,
  })
}

/** Built-ins plus the given test nodes: what `runFlow` gets as `definitions`. */
export function withNodes(...defs: AnyNodeDefinition[]): AnyNodeDefinition[] {
  return [...builtinNodes, ...defs]
}

export interface TestNodeSpec {
  id: string
  type: string
  config?: Record<string, unknown>
  parentId?: string
  settings?: FlowInput['nodes'][number]['settings']
}

/**
 * `edges` as `'a -> b'`, `'a:true -> b'` (source port) or `'a -> b:left'` (target port), in edge order.
 * Node types without `@` are version 1.
 */
export function testFlow(
  nodes: TestNodeSpec[],
  edges: string[] = [],
  settings: FlowInput['settings'] = { concurrency: 8 },
): Flow {
  return Flow.parse({
    schemaVersion: 1,
    name: 'engine test',
    nodes: nodes.map((n) => ({ ...n, version: 1 })),
    edges: edges.map((text, i) => {
      const [from = '', to = ''] = text.split('->').map((s) => s.trim())
      const [source = '', sourcePort] = from.split(':')
      const [target = '', targetPort] = to.split(':')
      return { id: `e${i}`, source, sourcePort, target, targetPort }
    }),
    settings,
  } satisfies FlowInput)
}

/** A promise with its resolver outside: lets a test decide when a node finishes. */
export function deferred<T = void>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve: (value: T) => void = () => {}
  const promise = new Promise<T>((r) => {
    resolve = r
  })
  return { promise, resolve }
}

/** Resolves once `signal` aborts: a node body that only ends by being aborted. */
export function untilAborted(signal: AbortSignal): Promise<never> {
  return new Promise((_, reject) => {
    signal.addEventListener('abort', () => reject(signal.reason), { once: true })
  })
}
