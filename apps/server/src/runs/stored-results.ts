import { isDeepStrictEqual } from 'node:util'
import type { NodeResult } from '@zhiliu/engine'
import {
  type ExpressionEvaluator,
  type Flow,
  type NodeRegistry,
  renderConfigWith,
  type TemplateScope,
  type TriggerEvent,
} from '@zhiliu/nodes'

/**
 * A stored run holds less than the API shows (issue 19: store less per run). Three things are derivable and so not
 * stored with a node's result:
 * - the input of a node outside a for-each body: its rendered config, which is its config in the (immutable) flow
 *   document rendered against the outputs stored before it. It is rendered again when someone reads the run.
 * - the trigger's output, when it is exactly the run's event (a webhook call without declared fields that coerce
 *   its body), which the run row stores already. A trigger always outputs an object, so a succeeded trigger result
 *   stored without output can only mean this.
 * - the output of the `flow.respond` whose output is the run's output (`runOutput`, given when the run succeeded and
 *   its end is written with its results), which the run row stores already. A respond always outputs an object.
 * `slimResult` is the write side and `completeResults` the read side of that rule.
 */
export function slimResult(
  stored: NodeResult,
  produced: NodeResult,
  run: { document: Flow; event: TriggerEvent },
  registry: NodeRegistry,
  runOutput?: { value: unknown },
): NodeResult {
  // A send in flight keeps what it sends as recorded: a person deciding after a crash sees exactly that.
  if (stored.key !== stored.nodeId || stored.status === 'skipped' || stored.status === 'sending')
    return stored
  // A config a person edited while the run was paused cannot be rendered again from the document: it is kept.
  if ((stored.input as { edited?: unknown } | undefined)?.edited === true) return stored
  const { input: _input, ...slim } = stored
  // Compared before redaction, with the event the flow got; the run row holds that event redacted by the same rule.
  if (stored.status === 'succeeded' && isTrigger(run.document, stored.nodeId, registry)) {
    if (isDeepStrictEqual(produced.output, eventAsOutput(run.event))) delete slim.output
  }
  // The very value the engine made the run's output (same object), redacted by the same rule as the run row's.
  if (stored.status === 'succeeded' && runOutput && produced.output === runOutput.value) {
    if (isRespond(run.document, stored.nodeId)) delete slim.output
  }
  return slim
}

/** Puts back what `slimResult` left out; `withInputs: false` for readers that only need outputs (the engine). */
export async function completeResults(
  results: readonly NodeResult[],
  run: { document: Flow; event: TriggerEvent; output?: unknown },
  parts: { registry: NodeRegistry; expressions: ExpressionEvaluator; withInputs: boolean },
): Promise<NodeResult[]> {
  const { document, event } = run
  const scope: TemplateScope = { nodes: {} }
  const full = results.map((result) => {
    if (result.key !== result.nodeId || result.status !== 'succeeded' || result.output !== undefined)
      return result
    if (isTrigger(document, result.nodeId, parts.registry)) return { ...result, output: eventAsOutput(event) }
    if (isRespond(document, result.nodeId)) return { ...result, output: run.output }
    return result
  })
  if (!parts.withInputs) return full
  for (const result of full) {
    if (result.key !== result.nodeId) continue
    scope.nodes[result.nodeId] = result.status === 'skipped' ? null : result.output
    if (isTrigger(document, result.nodeId, parts.registry)) scope.trigger = result.output
  }
  return Promise.all(full.map((result) => withInput(result, document, scope, parts)))
}

async function withInput(
  result: NodeResult,
  document: Flow,
  scope: TemplateScope,
  parts: { registry: NodeRegistry; expressions: ExpressionEvaluator },
): Promise<NodeResult> {
  if (result.input !== undefined || result.key !== result.nodeId || result.status === 'skipped') return result
  const node = document.nodes.find((n) => n.id === result.nodeId)
  const def = node && parts.registry.get(node.type, node.version)
  if (!node || !def) return result
  try {
    const config = await renderConfigWith(node.config, def.config, scope, parts.expressions)
    const parsed = def.config.safeParse(config)
    return { ...result, input: { config: parsed.success ? parsed.data : config } }
  } catch {
    // Rendered fine when the node ran; a failure now (a limit on a busy server) leaves the input out.
    return result
  }
}

/** What a trigger outputs for this event when its body passes through unchanged (see toTriggerOutput). */
function eventAsOutput(event: TriggerEvent) {
  return {
    body: event.body,
    headers: event.headers ?? {},
    query: event.query ?? {},
    method: event.method ?? '',
    firedAt: event.firedAt,
  }
}

function isRespond(document: Flow, nodeId: string): boolean {
  return document.nodes.some((n) => n.id === nodeId && n.type === 'flow.respond')
}

// Published documents are immutable and cached, so their trigger ids are worked out once, not once per result.
const triggerIds = new WeakMap<Flow, ReadonlySet<string>>()

function isTrigger(document: Flow, nodeId: string, registry: NodeRegistry): boolean {
  let ids = triggerIds.get(document)
  if (!ids) {
    const triggers = document.nodes.filter((n) => registry.get(n.type, n.version)?.category === 'trigger')
    ids = new Set(triggers.map((n) => n.id))
    triggerIds.set(document, ids)
  }
  return ids.has(nodeId)
}
