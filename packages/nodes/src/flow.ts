import { z } from 'zod'

/** Node ids appear in templates (`nodes.<id>.field`), so they are identifiers, not free text. */
export const NodeId = z
  .string()
  .regex(
    /^[A-Za-z_][A-Za-z0-9_]{0,63}$/,
    'an id starts with a letter or _ and has only letters, digits and _',
  )

export const OnError = z.enum(['fail', 'continue', 'errorPort'])
export type OnError = z.infer<typeof OnError>

export const NodeSettings = z.object({
  retry: z.object({ maxAttempts: z.int().min(1).max(10), backoffMs: z.int().min(0).max(60_000) }).optional(),
  timeoutMs: z
    .int()
    .min(1)
    .max(24 * 3600_000)
    .optional(),
  onError: OnError.default('fail'),
})
export type NodeSettings = z.infer<typeof NodeSettings>

export const FlowNode = z.object({
  id: NodeId,
  type: z.string().min(1),
  version: z.int().min(1),
  /** A label for people; execution never depends on it. */
  name: z.string().max(200).default(''),
  /** Canvas position; execution never depends on it. */
  position: z.object({ x: z.number(), y: z.number() }).default({ x: 0, y: 0 }),
  /** Set on the nodes of a for-each body: the for-each node's id (React Flow's sub-flow convention). */
  parentId: NodeId.optional(),
  config: z.record(z.string(), z.unknown()).default({}),
  settings: NodeSettings.default({ onError: 'fail' }),
})
export type FlowNode = z.infer<typeof FlowNode>

export const FlowEdge = z.object({
  id: z.string().min(1).max(128),
  source: NodeId,
  sourcePort: z.string().min(1).default('out'),
  target: NodeId,
  targetPort: z.string().min(1).default('in'),
})
export type FlowEdge = z.infer<typeof FlowEdge>

/**
 * Which ended runs are kept, as n8n's "save successful executions": `all`; `failed` keeps failed and cancelled runs
 * only; `none` keeps none. Applies to webhook and schedule runs; runs started by a person (test runs, re-runs) and
 * runs that waited for an approval are always kept. A run not kept still counts in metrics and still holds its
 * idempotency key.
 */
export const RunHistory = z.enum(['all', 'failed', 'none'])
export type RunHistory = z.infer<typeof RunHistory>

export const FlowSettings = z.object({
  /** How many independent nodes may run at once. */
  concurrency: z.int().min(1).max(64).default(8),
  /** Whole-run limit. */
  timeoutMs: z
    .int()
    .min(1)
    .max(7 * 24 * 3600_000)
    .optional(),
  /** Prompt plus completion tokens all model calls of a run may use; past it the run fails TOKEN_BUDGET_EXCEEDED. */
  tokenBudget: z.int().min(1).max(1_000_000_000).optional(),
  /** Which webhook and schedule runs are stored; unset follows the server's default (see RunHistory). */
  runHistory: RunHistory.optional(),
  /** Served as a tool at `/mcp` (Model Context Protocol) to its owner's API tokens while a version is published. */
  mcpTool: z.boolean().optional(),
})
export type FlowSettings = z.infer<typeof FlowSettings>

export const FLOW_SCHEMA_VERSION = 1

export const Flow = z.object({
  schemaVersion: z.literal(FLOW_SCHEMA_VERSION),
  name: z.string().min(1).max(200),
  description: z.string().max(2000).optional(),
  nodes: z.array(FlowNode).max(5000),
  edges: z.array(FlowEdge).max(20000),
  settings: FlowSettings.default({ concurrency: 8 }),
  /**
   * The input the flow was written for (a template's or lesson's example event body): the Run form starts from it
   * where the browser remembers no input of its own. Part of the document, like n8n's pinned data, so a copy, an
   * export or a student's copy of a shared lesson carries it; shown to whoever may see the flow.
   */
  sampleInput: z.unknown().optional(),
})
export type Flow = z.infer<typeof Flow>
/** What a person or a program writes: defaults not yet applied. */
export type FlowInput = z.input<typeof Flow>
