import { z } from 'zod'
import type { ChatRequest, ChatResponse, NodeContext } from '../context.ts'
import { NodeError } from '../errors.ts'
import { t } from '../localized.ts'
import { field } from '../ui-hints.ts'
import { toText } from './to-text.ts'

/** The settings every AI node shares: which provider and model, and how freely it may answer. */
export const modelFields = {
  provider: field(z.string().max(200).default(''), {
    widget: 'credential',
    credentialType: 'model-provider',
    label: t('模型服务', 'Model provider'),
    help: t(
      '留空使用默认服务；没有配置密钥时，默认服务是离线演示模型。',
      'Empty: the default provider, which is the offline demo model when no key is configured.',
    ),
  }),
  model: field(z.string().max(200).default(''), {
    widget: 'model',
    label: t('模型', 'Model'),
    placeholder: t('留空使用服务的默认模型', "Empty: the provider's default model"),
  }),
  temperature: field(z.number().min(0).max(2).optional(), {
    widget: 'number',
    label: t('温度', 'Temperature'),
    help: t(
      '越低回答越稳定，越高越有变化；留空用模型默认值。推理模型会忽略它。',
      "Lower is steadier, higher more varied; empty uses the model's default. Reasoning models ignore it.",
    ),
  }),
  maxTokens: field(z.int().min(1).max(200_000).optional(), {
    widget: 'number',
    label: t('最多生成的 token 数', 'Max tokens'),
    help: t('限制回答长度和费用；留空不限制。', 'Caps answer length and cost; empty means no cap.'),
  }),
  demoKey: field(z.string().max(100).optional(), {
    widget: 'demo-script',
    label: t('演示脚本', 'Demo script'),
    help: t(
      '只对离线演示模型有效：选用模板自带的示例回答。',
      "Offline demo model only: which of the template's scripted answers to give.",
    ),
  }),
}

export const Usage = z.object({
  promptTokens: z.int(),
  completionTokens: z.int(),
  reasoningTokens: z.int().optional(),
})

export const Cost = z.object({ cny: z.number(), usd: z.number() })

/** What every AI node reports besides its answer: who answered, and what it used and cost. */
export const modelOutputFields = {
  model: z.string(),
  provider: z.string(),
  usage: Usage,
  cost: Cost.optional(),
}

type ModelConfig = {
  provider: string
  model: string
  temperature?: number | undefined
  maxTokens?: number | undefined
  demoKey?: string | undefined
}

/** The request fields the settings give; empty ones are left out so the gateway applies its defaults. */
export function modelSettings(config: ModelConfig): Omit<ChatRequest, 'messages'> {
  return {
    ...(config.provider ? { provider: config.provider } : {}),
    ...(config.model ? { model: config.model } : {}),
    ...(config.temperature !== undefined ? { temperature: config.temperature } : {}),
    ...(config.maxTokens !== undefined ? { maxTokens: config.maxTokens } : {}),
    ...(config.demoKey ? { demoKey: config.demoKey } : {}),
  }
}

export function modelReport(res: ChatResponse) {
  return {
    model: res.model,
    provider: res.provider,
    usage: res.usage,
    ...(res.cost ? { cost: res.cost } : {}),
  }
}

/** Calls the model, streaming its text and reasoning into the run's events as they arrive. */
export function askModel(request: ChatRequest, ctx: NodeContext): Promise<ChatResponse> {
  return ctx.models.chat(request, ctx.signal, (chunk) => ctx.emit(chunk))
}

/** A rendered template field as text, refused when empty: a model asked nothing answers nothing useful. */
export function requiredText(value: unknown, what: string): string {
  const text = toText(value)
  if (text.trim() === '') {
    throw new NodeError('AI_INPUT_EMPTY', `${what} is empty; fill it in or check the template it comes from`)
  }
  return text
}
