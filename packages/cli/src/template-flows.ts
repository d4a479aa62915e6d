import { type RunServices, runFlow, validateFlow } from '@zhiliu/engine'
import { type FlowCaller, flowInputFields, inputJsonSchema, NodeError } from '@zhiliu/nodes'
import { findTemplate } from './templates.ts'

/** How a template names a companion template it calls (智能客服's tools): the editor swaps in the created flow's id. */
export const TEMPLATE_FLOW_PREFIX = 'template:'

/**
 * `ctx.flows` for the command line: only `template:<slug>` flows, run in this process with the same services, so a
 * template whose agent calls other templates runs offline with `--demo`. No history: the child's run is not kept.
 */
export function createTemplateFlows(services: () => Omit<RunServices, 'flows'>): FlowCaller {
  const load = async (flowId: string) => {
    if (!flowId.startsWith(TEMPLATE_FLOW_PREFIX)) {
      throw new NodeError(
        'FLOW_CALL_NOT_FOUND',
        `the command line calls only template flows, not "${flowId}"`,
      )
    }
    const template = await findTemplate(flowId.slice(TEMPLATE_FLOW_PREFIX.length))
    const validation = validateFlow(template.flow, { unchosenCredentials: 'warning' })
    if (!validation.ok) throw new NodeError('FLOW_CALL_FAILED', `the template flow "${flowId}" is not valid`)
    return validation.flow
  }
  const caller: FlowCaller = {
    async describe(flowId) {
      const flow = await load(flowId)
      return {
        id: flowId,
        name: flow.name,
        description: flow.description ?? '',
        inputSchema: inputJsonSchema(flowInputFields(flow.nodes)),
      }
    },
    async call(flowId, input, { signal }) {
      const flow = await load(flowId)
      const result = await runFlow({
        flow,
        event: { body: input ?? {}, method: 'CLI' },
        signal,
        services: { ...services(), flows: caller },
      })
      if (result.status !== 'succeeded') {
        const why = result.error ? `${result.error.code}: ${result.error.message}` : result.status
        throw new NodeError('FLOW_CALL_FAILED', `the called flow "${flowId}" ended ${result.status}: ${why}`)
      }
      const responds = flow.nodes.some((n) => n.type === 'flow.respond')
      const output = responds ? (result.output as { body?: unknown } | undefined)?.body : result.output
      return { runId: result.runId, output }
    },
  }
  return caller
}
