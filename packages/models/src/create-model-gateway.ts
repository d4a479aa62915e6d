import {
  type ChatContentPart,
  type ChatResponse,
  type FetchLike,
  type ModelGateway,
  NodeError,
} from '@zhiliu/nodes'
import type { ChatBackend, ChatCall } from './chat-backend.ts'
import { type Backends, createBackends } from './create-backends.ts'
import type { DemoOptions } from './create-demo-backend.ts'
import { createMediaCalls, type MediaCalls } from './create-media-calls.ts'
import { costOf, defaultModelPrices, type ModelPrices } from './model-prices.ts'
import { supportsTools } from './provider-presets.ts'
import { modelFor, providerName, type ResolvedProvider } from './resolved-provider.ts'
import { structuredChat } from './structured-chat.ts'
import { createTokenMeter, type RunUsage, type TokenBudget } from './token-meter.ts'

export interface ModelGatewayOptions {
  /** The provider for a node's `provider` setting (a credential id), or the default one when it names none. */
  resolveProvider(providerId: string | undefined): ResolvedProvider | Promise<ResolvedProvider>
  /** Per-model prices; the default table when left out. */
  prices?: ModelPrices
  /** Tokens the run may use in all; a call past it fails with TOKEN_BUDGET_EXCEEDED. */
  budget?: TokenBudget
  /** Passed to the openai SDK. Provider base URLs are set by owners and trusted, so no outbound-address guard here. */
  fetch?: FetchLike
  timeoutMs?: number
  demo?: DemoOptions
  /**
   * Backends shared with other gateways (the server's, one per process), so runs reuse a provider's SDK client;
   * `fetch`, `timeoutMs` and `demo` are then the shared backends' business and ignored here.
   */
  backends?: Backends
}

export interface MeteredModelGateway extends Omit<ModelGateway, keyof MediaCalls>, MediaCalls {
  /** Tokens and cost of every call so far: one gateway per run makes this the run's usage. */
  usage(): RunUsage
}

/**
 * The ModelGateway the server builds per run and the CLI once: every call goes through the openai SDK against the
 * provider's base URL (or to the offline demo model), streams by default, and is metered against prices and budget.
 */
export function createModelGateway(options: ModelGatewayOptions): MeteredModelGateway {
  const prices = options.prices ?? defaultModelPrices
  const meter = createTokenMeter(options.budget)
  const backendFor =
    options.backends ??
    createBackends({
      ...(options.fetch ? { fetchFor: () => options.fetch } : {}),
      ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
      ...(options.demo ? { demo: options.demo } : {}),
    })

  /** Every round trip is counted, the repair round trip of a structured answer included. */
  function metered(backend: ChatBackend, where: string): ChatBackend {
    return {
      ...backend,
      async complete(call, signal, onChunk) {
        const answer = await backend.complete(call, signal, onChunk)
        meter.add(answer.usage, costOf(answer.usage, prices[answer.model] ?? prices[call.model]), where)
        return answer
      },
    }
  }

  return {
    async chat(request, signal, onChunk): Promise<ChatResponse> {
      const provider = await options.resolveProvider(request.provider || undefined)
      const model = modelFor(provider, request.model)
      const where = `${providerName(provider)} (${model || 'no model'})`
      if (!model) {
        throw new NodeError(
          'MODEL_MISSING',
          `${providerName(provider)}: no model chosen; pick one in the node, or give the provider a default model (ZHILIU_DEFAULT_MODEL for the default provider)`,
        )
      }
      const hasImages = request.messages.some(
        (m) => typeof m.content !== 'string' && m.content.some((p: ChatContentPart) => p.type === 'image'),
      )
      if (hasImages && !provider.preset.capabilities.vision) {
        throw new NodeError(
          'MODEL_CAPABILITY_MISSING',
          `${where}: this provider cannot read images; choose a vision model's provider`,
        )
      }
      if (request.tools?.length && !supportsTools(provider.preset, model)) {
        throw new NodeError(
          'MODEL_CAPABILITY_MISSING',
          `${where}: this model cannot call tools; choose one whose provider lists tool support (e.g. deepseek-chat, qwen-plus, glm-4.5)`,
        )
      }
      meter.check(where)
      const backend = metered(backendFor(provider), where)
      const call: ChatCall = {
        model,
        messages: request.messages,
        temperature: request.temperature,
        maxTokens: request.maxTokens,
        responseFormat: request.responseFormat,
        demoKey: request.demoKey,
        ...(request.tools?.length ? { tools: request.tools } : {}),
      }
      const format = request.responseFormat?.type
      const answer =
        format === 'json_object' || format === 'json_schema'
          ? await structuredChat(backend, call, provider.preset.capabilities, where, signal, onChunk)
          : await backend.complete(call, signal, onChunk)
      const cost = costOf(answer.usage, prices[answer.model] ?? prices[model])
      return {
        text: answer.text,
        ...(answer.reasoning ? { reasoning: answer.reasoning } : {}),
        ...('data' in answer ? { data: answer.data } : {}),
        ...(answer.toolCalls?.length ? { toolCalls: answer.toolCalls } : {}),
        model: answer.model,
        provider: provider.preset.id,
        usage: answer.usage,
        ...(cost ? { cost } : {}),
      }
    },

    ...createMediaCalls({ resolveProvider: options.resolveProvider, backendFor, meter, prices }),

    usage: () => meter.totals(),
  }
}
