import type { MeteredModelGateway, RunUsage } from '@zhiliu/models'

const nothingYet: RunUsage = {
  calls: 0,
  promptTokens: 0,
  completionTokens: 0,
  reasoningTokens: 0,
  cost: { cny: 0, usd: 0 },
}

/**
 * A gateway whose making needs a read first (a resumed run's earlier spending), while a run's services are handed
 * over synchronously: the first call waits for it, and runs whose nodes never call a model never read at all.
 */
export function deferGateway(make: () => Promise<MeteredModelGateway>): MeteredModelGateway {
  let made: Promise<MeteredModelGateway> | undefined
  let ready: MeteredModelGateway | undefined
  const gateway = () => {
    made ??= make().then((g) => {
      ready = g
      return g
    })
    // A failed read is tried again by the next call (the node's retry), not remembered.
    made.catch(() => {
      made = undefined
    })
    return made
  }
  return {
    chat: async (request, signal, onChunk) => (await gateway()).chat(request, signal, onChunk),
    image: async (request, signal) => (await gateway()).image(request, signal),
    speech: async (request, signal) => (await gateway()).speech(request, signal),
    transcribe: async (request, signal) => (await gateway()).transcribe(request, signal),
    usage: () => ready?.usage() ?? structuredClone(nothingYet),
  }
}
