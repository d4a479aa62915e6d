import {
  type ChatUsage,
  type ImageResponse,
  type ModelGateway,
  NodeError,
  type SpeechResponse,
  type TranscriptionResponse,
} from '@zhiliu/nodes'
import type { ChatBackend } from './chat-backend.ts'
import { costOf, type MediaAmounts, type ModelPrice, type ModelPrices } from './model-prices.ts'
import { type ProviderPreset, providerPresets } from './provider-presets.ts'
import { providerName, type ResolvedProvider } from './resolved-provider.ts'
import type { TokenMeter } from './token-meter.ts'

const NO_TOKENS: ChatUsage = { promptTokens: 0, completionTokens: 0 }

export type MediaCalls = Required<Pick<ModelGateway, 'image' | 'speech' | 'transcribe'>>

interface MediaCallDeps {
  resolveProvider(providerId: string | undefined): ResolvedProvider | Promise<ResolvedProvider>
  backendFor(provider: ResolvedProvider): ChatBackend
  meter: TokenMeter
  prices: ModelPrices
}

type Ability = 'images' | 'speech' | 'transcription'

const WHAT: Record<Ability, string> = {
  images: 'generate images',
  speech: 'turn text into speech',
  transcription: 'transcribe audio',
}

const can = (preset: ProviderPreset, ability: Ability) =>
  ability === 'images' ? preset.capabilities.images : preset.capabilities.audio

const defaultModel = (preset: ProviderPreset, ability: Ability) =>
  ability === 'images'
    ? preset.imageModel
    : ability === 'speech'
      ? preset.speechModel
      : preset.transcriptionModel

/**
 * The gateway's image and audio calls. Each first checks, before any network, that the provider's preset can do
 * it and that a model is known, and otherwise fails naming the provider, the model and the providers that can.
 */
export function createMediaCalls(deps: MediaCallDeps): MediaCalls {
  async function prepare(providerId: string | undefined, requested: string | undefined, ability: Ability) {
    const provider = await deps.resolveProvider(providerId || undefined)
    const model = requested || defaultModel(provider.preset, ability) || ''
    if (!can(provider.preset, ability) || !model) {
      const others = providerPresets
        .filter((p) => p.id !== 'demo' && can(p, ability) && defaultModel(p, ability))
        .map((p) => p.label.en.replace(/\s*\(.*\)$/, ''))
      throw new NodeError(
        'MODEL_CAPABILITY_MISSING',
        `${providerName(provider)}${model ? ` (${model})` : ''} cannot ${WHAT[ability]} here; choose a provider that can (${others.join(', ')})`,
        { details: { provider: provider.preset.id, model, needs: ability } },
      )
    }
    const where = `${providerName(provider)} (${model})`
    deps.meter.check(where)
    return { provider, model, where, backend: deps.backendFor(provider) }
  }

  // The model the provider says answered, else the one asked for.
  const priceOf = (answered: string, asked: string) => deps.prices[answered] ?? deps.prices[asked]
  /** Counts a media call in the run (its tokens against the budget) and says what it cost, if it is priced. */
  const charge = (where: string, usage: ChatUsage, price: ModelPrice | undefined, media: MediaAmounts) => {
    const cost = costOf(usage, price, media)
    deps.meter.add(usage, cost, where)
    return cost
  }

  return {
    async image(request, signal): Promise<ImageResponse> {
      const { provider, model, where, backend } = await prepare(request.provider, request.model, 'images')
      const result = await backend.image({ ...request, model }, signal)
      // Tokens where the model reports them (gpt-image-1), pictures where it is priced per picture.
      const usage = result.usage ?? NO_TOKENS
      const cost = charge(where, usage, priceOf(result.model, model), { images: result.images.length })
      return { ...result, usage, ...(cost ? { cost } : {}), provider: provider.preset.id }
    },

    async speech(request, signal): Promise<SpeechResponse> {
      const { provider, model, where, backend } = await prepare(request.provider, request.model, 'speech')
      const voice = request.voice || provider.preset.speechVoice || ''
      if (!voice) {
        throw new NodeError('MODEL_VOICE_MISSING', `${where}: choose a voice in the node`, {
          details: { provider: provider.preset.id, model },
        })
      }
      const result = await backend.speech({ ...request, model, voice }, signal)
      // Billed by the characters read out: no tokens, so the budget is untouched.
      const speechChars = [...request.input].length
      const cost = charge(where, NO_TOKENS, priceOf(result.model, model), { speechChars })
      return { ...result, ...(cost ? { cost } : {}), provider: provider.preset.id }
    },

    async transcribe(request, signal): Promise<TranscriptionResponse> {
      const { provider, model, where, backend } = await prepare(
        request.provider,
        request.model,
        'transcription',
      )
      const result = await backend.transcribe({ ...request, model }, signal)
      const usage = result.usage ?? NO_TOKENS
      const price = priceOf(result.model, model)
      // Billed by the minute but of unknown length (the provider did not say): no cost rather than a wrong one.
      const lengthUnknown =
        result.durationSeconds === undefined && !result.usage && (price?.cny.audioMinute ?? 0) > 0
      const cost = charge(where, usage, lengthUnknown ? undefined : price, {
        audioSeconds: result.durationSeconds ?? 0,
      })
      return { ...result, ...(cost ? { cost } : {}), provider: provider.preset.id }
    },
  }
}
