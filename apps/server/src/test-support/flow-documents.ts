import type { FlowInput } from '@zhiliu/nodes'

/** A complete flow: webhook trigger → template → respond. Passes `validateFlow`, so it can be published and run. */
export function validFlow(name = 'Greeting', options: { webhookPath?: string } = {}): FlowInput {
  return {
    schemaVersion: 1,
    name,
    nodes: [
      {
        id: 'hook',
        type: 'trigger.webhook',
        version: 1,
        config: options.webhookPath === undefined ? {} : { path: options.webhookPath },
      },
      {
        id: 'greet',
        type: 'text.template',
        version: 1,
        config: { template: 'Hello {{ trigger.body.name }}' },
      },
      { id: 'reply', type: 'flow.respond', version: 1, config: { body: '{{ nodes.greet.text }}' } },
    ],
    edges: [
      { id: 'e1', source: 'hook', target: 'greet' },
      { id: 'e2', source: 'greet', target: 'reply' },
    ],
  }
}

/**
 * A well-formed draft that cannot be published: the HTTP node has no URL yet and the respond node refers to a node
 * that does not exist.
 */
export function incompleteFlow(name = 'Draft'): FlowInput {
  return {
    schemaVersion: 1,
    name,
    nodes: [
      { id: 'start', type: 'trigger.manual', version: 1, config: {} },
      { id: 'fetch', type: 'http.request', version: 1, config: {} },
      { id: 'reply', type: 'flow.respond', version: 1, config: { body: '{{ nodes.missing.text }}' } },
    ],
    edges: [
      { id: 'e1', source: 'start', target: 'fetch' },
      { id: 'e2', source: 'fetch', target: 'reply' },
    ],
  }
}

/** A manual run that draws one small picture with `ai.image` (the demo model when no provider is configured). */
export function drawFlow(prompt: string): FlowInput {
  return {
    schemaVersion: 1,
    name: 'Draw',
    nodes: [
      { id: 'start', type: 'trigger.manual', version: 1, config: {} },
      { id: 'draw', type: 'ai.image', version: 1, config: { prompt, size: '64x64' } },
    ],
    edges: [{ id: 'e1', source: 'start', target: 'draw' }],
  }
}
