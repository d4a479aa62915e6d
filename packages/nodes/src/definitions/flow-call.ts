import { z } from 'zod'
import { defineNode, suspend } from '../define-node.ts'
import { t } from '../localized.ts'
import { field } from '../ui-hints.ts'
import { inPort, outPort } from './ports.ts'

/**
 * Runs another flow as a child run and outputs what it answered. The server runs the child inline, in this node's
 * execution (see apps/server/src/runs/flow-caller.ts), so a parent waiting on its child holds no second worker.
 */
export const flowCall = defineNode({
  type: 'flow.call',
  version: 1,
  category: 'flow',
  title: t('调用子流程', 'Call a flow'),
  description: t(
    '运行另一个已发布的流程，把这里填的值作为它的输入，等它运行完，输出它的结果；子流程失败时这一步也失败，子流程等待审核时这次运行也等待，审核后继续。',
    'Runs another published flow with the inputs given here, waits for it and outputs its result; fails when it fails, and waits while it waits for an approval.',
  ),
  inputs: [inPort],
  outputs: [outPort],
  config: z.object({
    flowId: field(z.string().max(100).default(''), {
      widget: 'flow',
      required: true,
      template: false,
      label: t('要调用的流程', 'Flow to call'),
      help: t(
        '只能选你有权运行的流程。编辑器里试运行时调用它的草稿，正式运行时调用它发布的版本。',
        'Only flows you may run. A test run in the editor calls its draft; a real run calls its published version.',
      ),
    }),
    inputs: field(z.record(z.string(), z.unknown()).default({}), {
      widget: 'flow-inputs',
      label: t('输入', 'Inputs'),
      help: t(
        '子流程声明的输入字段；可以用 {{ }} 引用前面节点的结果。',
        'The input fields the called flow declares; {{ }} refers to earlier results.',
      ),
    }),
  }),
  output: z.object({
    /** What the child answered: its Respond node's body, else its last step's output. */
    result: z.unknown(),
    /** The child run, to open it from this one. */
    runId: z.string(),
  }),
  // A flow runs as long as it needs; the child's own nodes have their own timeouts.
  timeoutMs: 900_000,
  // Keyed: the server starts the child under this node's idempotency key, so a resumed parent finds the child it
  // already started instead of running it twice.
  sideEffects: 'keyed',
  async run({ config }, ctx) {
    const called = await ctx.flows.call(config.flowId, config.inputs, {
      signal: ctx.signal,
      key: ctx.idempotencyKey,
      // Named at once: stopped by its timeout or a cancel, this node can no longer say which run it started.
      onStarted: ctx.linkRun,
    })
    // The child waits for a person (an approval): so does this run, and it goes on when the child ends.
    if ('wait' in called) return suspend(called.wait)
    return { result: called.output, runId: called.runId }
  },
})
