/** How long `validateFlow` takes on a 500-node chain: the editor re-validates on every edit. */
import { validateFlow } from '@zhiliu/engine'
import type { FlowInput } from '@zhiliu/nodes'
import { measure } from './measure.ts'

function chain(length: number): FlowInput {
  const nodes: FlowInput['nodes'] = [{ id: 'start', type: 'trigger.manual', version: 1 }]
  const edges: FlowInput['edges'] = []
  for (let i = 1; i < length; i++) {
    const previous = i === 1 ? 'start' : `n${i - 1}`
    const ref = i === 1 ? 'trigger.body.title' : `nodes.${previous}.text`
    nodes.push({
      id: `n${i}`,
      type: 'text.template',
      version: 1,
      config: { template: `{{ trigger.body.title }} {{ ${ref} }}` },
    })
    edges.push({ id: `e${i}`, source: previous, target: `n${i}` })
  }
  return { schemaVersion: 1, name: 'validate bench', nodes, edges }
}

export async function benchValidate(): Promise<string[]> {
  const flow = chain(500)
  const first = measure(async () => validateFlow(flow), { warmup: 0, iterations: 1 })
  const cold = (await first).medianUs
  const warm = await measure(async () => validateFlow(flow), { warmup: 5, iterations: 30 })
  return [
    `validate  500-node chain  first ${(cold / 1000).toFixed(1)} ms (templates parsed), then median ${(warm.medianUs / 1000).toFixed(1)} ms`,
  ]
}
