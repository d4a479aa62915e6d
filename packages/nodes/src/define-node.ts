import type { z } from 'zod'
import type { NodeContext } from './context.ts'
import type { Localized } from './localized.ts'

export const categories = [
  'trigger',
  'ai',
  'text',
  'data',
  'logic',
  'integration',
  'publish',
  'flow',
] as const
export type NodeCategory = (typeof categories)[number]

export interface PortSpec {
  name: string
  label: Localized
  /** An input port that collects every incoming value (in edge order) instead of taking the first one. */
  multiple?: boolean
}

/** The port every failure goes to when a node's `onError` is `errorPort`. Not declared by definitions. */
export const ERROR_PORT = 'error'

export interface RetryPolicy {
  /** Total attempts including the first. */
  maxAttempts: number
  /** First back-off delay; doubles each attempt, with full jitter, capped at 30 s. */
  backoffMs: number
}

/** What a trigger receives from outside: a webhook request, a schedule tick or a manual run's test input. */
export interface TriggerEvent {
  body: unknown
  headers?: Record<string, string>
  query?: Record<string, string>
  method?: string
  firedAt?: string
}

export interface NodeInput<C> {
  /** The node's config after its templates were rendered and the result parsed by its schema. */
  config: C
  /** Values arriving on the node's input ports: one value per port, or an array for `multiple` ports. */
  inputs: Record<string, unknown>
  /** Set for trigger nodes only: what started the run. */
  event?: TriggerEvent
}

const routedTag: unique symbol = Symbol('zhiliu.routed')

/** A node's output sent to chosen output ports only; the other ports' downstream branches are skipped. */
export interface Routed<O> {
  readonly [routedTag]: true
  readonly ports: readonly string[]
  readonly output: O
}

export function route<O>(ports: string | readonly string[], output: O): Routed<O> {
  return { [routedTag]: true, ports: typeof ports === 'string' ? [ports] : ports, output }
}

export function isRouted(value: unknown): value is Routed<unknown> {
  return typeof value === 'object' && value !== null && routedTag in value
}

const suspendedTag: unique symbol = Symbol('zhiliu.suspended')

/**
 * A node that must wait for something outside the run (a person's approval) returns `suspend(payload)`: the engine
 * records it as `waiting` with the payload as its output, holds its dependants, and ends the run `waiting` once
 * every other branch is done. Whoever resolves the wait records the node's real result and resumes the run.
 */
export interface Suspended<P = unknown> {
  readonly [suspendedTag]: true
  readonly payload: P
}

export function suspend<P>(payload: P): Suspended<P> {
  return { [suspendedTag]: true, payload }
}

export function isSuspended(value: unknown): value is Suspended {
  return typeof value === 'object' && value !== null && suspendedTag in value
}

/** What an iterating node's `run` returns: the list the engine runs the node's body over. */
export interface Iteration {
  readonly items: readonly unknown[]
}

/**
 * How a node that changes the world behaves across a crash in the middle of its send:
 * - `keyed`: the receiver drops a repeat that carries the same idempotency key (a `webhook-id` header, a feed
 *   item's key, a receipt on this server), so the resumed run sends again with that key: effectively once.
 * - `unkeyed`: nothing on the receiver's side recognises a repeat (chat bots, SMTP), so the resumed run stops
 *   `needs_attention` naming the node, and a person resends, marks it sent or fails it: at most once unless a
 *   person decides otherwise.
 */
export type SideEffects = 'keyed' | 'unkeyed'

export interface NodeDefinition<C extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  /** Dotted, stable identifier, e.g. `text.template`. */
  type: string
  /** Bumped when config or output change incompatibly; earlier versions stay in the registry and keep running. */
  version: number
  category: NodeCategory
  title: Localized
  description: Localized
  /** Input ports; empty for triggers. */
  inputs: readonly PortSpec[]
  /** Output ports, fixed or derived from config (one per switch case, say). */
  outputs: readonly PortSpec[] | ((config: z.output<C>) => readonly PortSpec[])
  config: C
  /** What downstream nodes may reference as `nodes.<id>.<field>`. */
  output: O
  /** A more precise output schema derived from config (data.set's fields, a trigger's input schema). */
  outputFor?: (config: z.output<C>) => z.ZodType
  retry?: RetryPolicy
  timeoutMs?: number
  /**
   * Whether running the node changes the outside world, and what a send interrupted by a crash (begun, never
   * recorded) may do when the run resumes. `false`: nothing outside changes; the node simply runs again.
   * Otherwise the node gets an idempotency key and no blind retries, and the engine records that it is `sending`
   * before it acts (see SideEffects).
   */
  sideEffects: false | SideEffects
  /**
   * A for-each style node. Its `run` only checks the config and returns an `Iteration` (`{ items }`); the engine
   * then runs the body (the nodes whose `parentId` is this node) once per item and builds `output` from the results.
   */
  iterates?: boolean
  /**
   * May return its value itself when it has nothing to wait for (`data.transform` on a small expression, say): the
   * engine then goes on without a promise, which is most of what a cheap node costs. Such a `run` cannot be timed
   * out or cancelled halfway, so it must only do bounded work; anything that waits returns a promise.
   */
  run(
    input: NodeInput<z.output<C>>,
    ctx: NodeContext,
  ): NodeReturn<z.output<O>> | Promise<NodeReturn<z.output<O>>>
}

/** What a node's `run` produces: its output, or one of the engine's instructions (routing, iterating, waiting). */
export type NodeReturn<O> = O | Routed<O> | Iteration | Suspended

/** Declares a node. The identity function, typed so that `run` sees the parsed config and must return the output. */
export function defineNode<C extends z.ZodType, O extends z.ZodType>(
  def: NodeDefinition<C, O>,
): NodeDefinition<C, O> {
  return def
}

/** Any definition, for registries and lists. */
// biome-ignore lint/suspicious/noExplicitAny: variance: a list holds definitions of every config and output type
export type AnyNodeDefinition = NodeDefinition<any, any>

export function outputPorts(def: AnyNodeDefinition, config: unknown): readonly PortSpec[] {
  return typeof def.outputs === 'function' ? def.outputs(config) : def.outputs
}

export function isTrigger(def: AnyNodeDefinition): boolean {
  return def.category === 'trigger'
}
