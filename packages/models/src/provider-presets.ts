import { Localized, t } from '@zhiliu/nodes'
import { z } from 'zod'

/** What Zhiliu may ask of a provider's API; the gateway falls back (JSON mode, prompt-only JSON) where one is off. */
export const ProviderCapabilities = z.object({
  streaming: z.boolean(),
  /** `response_format: { type: 'json_schema' }` — the answer is constrained to the schema. */
  jsonSchema: z.boolean(),
  /** `response_format: { type: 'json_object' }` — the answer is some JSON object. */
  jsonMode: z.boolean(),
  vision: z.boolean(),
  /** Some models return their thinking (`reasoning_content`) apart from the answer. */
  reasoning: z.boolean(),
  images: z.boolean(),
  audio: z.boolean(),
  /** OpenAI's tool-calling API (`tools`, `tool_calls`), which the agent node needs; see `modelsWithoutTools`. */
  tools: z.boolean(),
})
export type ProviderCapabilities = z.infer<typeof ProviderCapabilities>

export const ProviderPreset = z.object({
  id: z.string(),
  label: Localized,
  /** Empty for `custom` (the person enters it) and for `demo` (no network at all). */
  baseURL: z.string(),
  /** Suggestions for the model picker, the default first; any model the provider serves may be typed in. */
  models: z.array(z.string()),
  requiresKey: z.boolean(),
  /** Newer OpenAI models refuse `max_tokens`; the compatible providers only know it. */
  maxTokensField: z.enum(['max_tokens', 'max_completion_tokens']),
  capabilities: ProviderCapabilities,
  /**
   * Thinking models of these providers check the conversation history: DeepSeek's thinking mode answers 400 unless
   * earlier assistant turns carry their `reasoning_content`, Kimi's does so for tool-call turns, and GLM reasons
   * better with it. Elsewhere the field is left out, as OpenAI and most others neither need nor expect it.
   */
  echoReasoning: z.boolean().optional(),
  /** The image model used when an image node names none; absent where the provider has no image API. */
  imageModel: z.string().optional(),
  /** The text-to-speech model and voice used when a speech node names none; absent without a speech API. */
  speechModel: z.string().optional(),
  speechVoice: z.string().optional(),
  /** The speech-to-text model used when a transcription node names none; absent without a transcription API. */
  transcriptionModel: z.string().optional(),
  /** Models of a provider with `tools` that refuse them (a leading match: `deepseek-r1` covers `deepseek-r1:7b`). */
  modelsWithoutTools: z.array(z.string()).optional(),
  /** The `/embeddings` model a knowledge base uses by default; absent where the provider has none. */
  embeddingModel: z.string().optional(),
  /** The `/rerank` model (SiliconFlow's, Jina's shape); absent where the provider has no rerank API. */
  rerankModel: z.string().optional(),
  /** Where a person gets a key (or, for Ollama, the software). */
  keyUrl: z.string().optional(),
})
export type ProviderPreset = z.infer<typeof ProviderPreset>

/**
 * What a typical OpenAI-compatible service offers: chat with JSON mode, vision and reasoning, but neither
 * `json_schema` nor image or audio endpoints.
 */
const compatibleChatBase: ProviderCapabilities = {
  streaming: true,
  jsonSchema: false,
  jsonMode: true,
  vision: true,
  reasoning: true,
  images: false,
  audio: false,
  tools: true,
}

/** A compatible service's capabilities, so each preset states only where it differs from the usual. */
function compatibleChat(differences: Partial<ProviderCapabilities> = {}): ProviderCapabilities {
  return { ...compatibleChatBase, ...differences }
}

export const providerPresets: readonly ProviderPreset[] = [
  {
    id: 'openai',
    embeddingModel: 'text-embedding-3-small',
    label: t('OpenAI', 'OpenAI'),
    baseURL: 'https://api.openai.com/v1',
    models: ['gpt-4o-mini', 'gpt-4o', 'gpt-4.1-mini', 'gpt-4.1', 'o4-mini'],
    requiresKey: true,
    maxTokensField: 'max_completion_tokens',
    capabilities: compatibleChat({ jsonSchema: true, reasoning: false, images: true, audio: true }),
    imageModel: 'gpt-image-1',
    speechModel: 'tts-1',
    speechVoice: 'alloy',
    transcriptionModel: 'whisper-1',
    keyUrl: 'https://platform.openai.com/api-keys',
  },
  {
    id: 'deepseek',
    label: t('DeepSeek 深度求索', 'DeepSeek'),
    baseURL: 'https://api.deepseek.com',
    models: ['deepseek-chat', 'deepseek-reasoner'],
    requiresKey: true,
    maxTokensField: 'max_tokens',
    echoReasoning: true,
    capabilities: compatibleChat({ vision: false }),
    keyUrl: 'https://platform.deepseek.com/api_keys',
  },
  {
    id: 'dashscope',
    embeddingModel: 'text-embedding-v4',
    label: t('通义千问（阿里云百炼）', 'Qwen (Alibaba Cloud DashScope)'),
    baseURL: 'https://dashscope.aliyuncs.com/compatible-mode/v1',
    models: ['qwen-plus', 'qwen-max', 'qwen-turbo', 'qwen-vl-plus', 'qwq-plus'],
    requiresKey: true,
    maxTokensField: 'max_tokens',
    capabilities: compatibleChat(),
    modelsWithoutTools: ['qwen-vl', 'qwq'],
    keyUrl: 'https://bailian.console.aliyun.com/?apiKey=1',
  },
  {
    id: 'moonshot',
    label: t('Kimi（月之暗面）', 'Kimi (Moonshot AI)'),
    baseURL: 'https://api.moonshot.cn/v1',
    models: ['kimi-k2-0905-preview', 'moonshot-v1-8k', 'moonshot-v1-32k', 'moonshot-v1-8k-vision-preview'],
    requiresKey: true,
    maxTokensField: 'max_tokens',
    echoReasoning: true,
    capabilities: compatibleChat(),
    modelsWithoutTools: ['moonshot-v1-8k-vision'],
    keyUrl: 'https://platform.moonshot.cn/console/api-keys',
  },
  {
    id: 'zhipu',
    embeddingModel: 'embedding-3',
    label: t('智谱 GLM', 'Zhipu GLM'),
    baseURL: 'https://open.bigmodel.cn/api/paas/v4',
    models: ['glm-4.5', 'glm-4.5-air', 'glm-4-flash', 'glm-4v-flash'],
    requiresKey: true,
    maxTokensField: 'max_tokens',
    echoReasoning: true,
    // CogView answers on the OpenAI-shaped /images/generations; GLM's audio APIs are not OpenAI-shaped.
    capabilities: compatibleChat({ images: true }),
    modelsWithoutTools: ['glm-4v'],
    imageModel: 'cogview-3-flash',
    keyUrl: 'https://open.bigmodel.cn/usercenter/apikeys',
  },
  {
    id: 'doubao',
    label: t('豆包（火山方舟）', 'Doubao (Volcengine Ark)'),
    baseURL: 'https://ark.cn-beijing.volces.com/api/v3',
    // Ark also accepts an inference endpoint id (`ep-…`) as the model.
    models: ['doubao-seed-1-6-250615', 'doubao-1-5-pro-32k-250115', 'doubao-1-5-lite-32k-250115'],
    requiresKey: true,
    maxTokensField: 'max_tokens',
    // Seedream answers on Ark's OpenAI-shaped /images/generations; Doubao's speech is a separate service.
    capabilities: compatibleChat({ images: true }),
    imageModel: 'doubao-seedream-3-0-t2i-250415',
    keyUrl: 'https://console.volcengine.com/ark/region:ark+cn-beijing/apiKey',
  },
  {
    id: 'siliconflow',
    embeddingModel: 'BAAI/bge-m3',
    rerankModel: 'BAAI/bge-reranker-v2-m3',
    label: t('硅基流动 SiliconFlow', 'SiliconFlow'),
    baseURL: 'https://api.siliconflow.cn/v1',
    models: [
      'deepseek-ai/DeepSeek-V3',
      'deepseek-ai/DeepSeek-R1',
      'Qwen/Qwen3-8B',
      'Qwen/Qwen2.5-7B-Instruct',
    ],
    requiresKey: true,
    maxTokensField: 'max_tokens',
    capabilities: compatibleChat({ images: true, audio: true }),
    modelsWithoutTools: ['deepseek-ai/DeepSeek-R1-Distill'],
    imageModel: 'Kwai-Kolors/Kolors',
    // SiliconFlow names a voice after its model: `<model>:<voice>`.
    speechModel: 'FunAudioLLM/CosyVoice2-0.5B',
    speechVoice: 'FunAudioLLM/CosyVoice2-0.5B:alex',
    transcriptionModel: 'FunAudioLLM/SenseVoiceSmall',
    keyUrl: 'https://cloud.siliconflow.cn/account/ak',
  },
  {
    id: 'ollama',
    embeddingModel: 'bge-m3',
    label: t('Ollama（本机模型）', 'Ollama (local models)'),
    baseURL: 'http://127.0.0.1:11434/v1',
    models: ['qwen2.5:7b', 'qwen3:8b', 'deepseek-r1:7b', 'llama3.2'],
    requiresKey: false,
    maxTokensField: 'max_tokens',
    capabilities: compatibleChat({ jsonSchema: true }),
    // Ollama answers 400 "does not support tools" for models whose template has none.
    modelsWithoutTools: ['deepseek-r1', 'gemma'],
    keyUrl: 'https://ollama.com/download',
  },
  {
    id: 'custom',
    label: t('其他 OpenAI 兼容服务', 'Other OpenAI-compatible service'),
    baseURL: '',
    models: [],
    requiresKey: false,
    maxTokensField: 'max_tokens',
    // Unknown servers get only what every compatible server does; JSON is asked for in the prompt and checked.
    capabilities: compatibleChat({ jsonMode: false, vision: false }),
  },
  {
    id: 'demo',
    label: t('演示模型（离线）', 'Demo model (offline)'),
    baseURL: '',
    models: ['demo-chat', 'demo-reasoner'],
    requiresKey: false,
    maxTokensField: 'max_tokens',
    capabilities: compatibleChat({ jsonSchema: true, images: true, audio: true }),
    imageModel: 'demo-image',
    speechModel: 'demo-speech',
    speechVoice: 'demo',
    transcriptionModel: 'demo-transcribe',
  },
]

/** Whether the model may be sent `tools`: the provider speaks the API and the model is not one known to refuse. */
export function supportsTools(preset: ProviderPreset, model: string): boolean {
  return preset.capabilities.tools && !(preset.modelsWithoutTools ?? []).some((m) => model.startsWith(m))
}

export function presetById(id: string): ProviderPreset | undefined {
  return providerPresets.find((p) => p.id === id)
}

/** The preset whose API lives at this base URL (same host and path), so an env-configured URL gets its quirks. */
export function presetForBaseURL(baseURL: string): ProviderPreset | undefined {
  const norm = (url: string) => {
    try {
      const u = new URL(url)
      return `${u.host}${u.pathname.replace(/\/+$/, '')}`
    } catch {
      return url
    }
  }
  const wanted = norm(baseURL)
  // DeepSeek answers on its bare host and on /v1 alike.
  return providerPresets.find(
    (p) => p.baseURL !== '' && (norm(p.baseURL) === wanted || norm(`${p.baseURL}/v1`) === wanted),
  )
}
