import { z } from '@hono/zod-openapi'
import { presetById, providerPresets } from '@zhiliu/models'
import { t } from '@zhiliu/nodes'
import { defineCredentialType, httpUrl, optionalSecret, plain } from './credential-fields.ts'
import { maskSecret, shorten } from './mask-secret.ts'

const presetIds = providerPresets.map((p) => p.id) as [string, ...string[]]

/**
 * A model provider (`model-provider`, the type AI nodes pick from): a preset gives the base URL, models and quirks;
 * the fields are those `providerFromCredential` reads. The base URL is set by an owner or editor and trusted — the
 * one address the outbound guard lets through even when it is local (Ollama).
 */
export const modelProviderType = defineCredentialType({
  label: t('大模型服务', 'Model provider'),
  description: t(
    'DeepSeek、通义千问、Kimi、智谱、豆包、Ollama 等兼容 OpenAI 接口的模型服务；AI 节点从这里选择。',
    'DeepSeek, Qwen, Kimi, GLM, Doubao, Ollama and other OpenAI-compatible model services, for the AI nodes.',
  ),
  fields: z
    .strictObject({
      preset: z.enum(presetIds).meta({
        ui: {
          widget: 'select',
          label: t('服务商', 'Provider'),
          options: Object.fromEntries(providerPresets.map((p) => [p.id, p.label])),
        },
      }),
      baseURL: plain(
        z.union([z.literal(''), httpUrl()]).optional(),
        t('接口地址', 'Base URL'),
        t(
          '留空使用服务商的默认地址；自建或代理服务填写完整地址，例如 http://localhost:11434/v1。',
          "Empty: the provider's own address. For a self-hosted or proxied service, the full address, e.g. http://localhost:11434/v1.",
        ),
      ),
      apiKey: optionalSecret(
        t('API 密钥', 'API key'),
        t(
          '本地 Ollama 等无需密钥的服务可留空。',
          'May be empty for services without keys, such as a local Ollama.',
        ),
      ),
      defaultModel: plain(
        z.string().trim().max(200).optional(),
        t('默认模型', 'Default model'),
        t(
          '节点没有指定模型时使用；留空用服务商的第一个模型。',
          "Used when a node names none; empty: the provider's first model.",
        ),
      ),
    })
    .superRefine((data, ctx) => {
      const preset = presetById(data.preset)
      if (preset?.requiresKey && !data.apiKey?.trim())
        ctx.addIssue({ code: 'custom', path: ['apiKey'], message: `${preset.label.en} needs an API key` })
      if (preset && !preset.baseURL && preset.id !== 'demo' && !data.baseURL)
        ctx.addIssue({ code: 'custom', path: ['baseURL'], message: 'a custom service needs its base URL' })
    }),
  hint(d) {
    const preset = presetById(d.preset)
    if (preset?.id === 'demo') return 'demo'
    const url = d.baseURL || preset?.baseURL || ''
    const host = URL.canParse(url) ? new URL(url).host : d.preset
    return [shorten(host), d.defaultModel && shorten(d.defaultModel), d.apiKey && maskSecret(d.apiKey)]
      .filter(Boolean)
      .join(' · ')
  },
})
