import { z } from '@hono/zod-openapi'
import { MODEL_PROVIDER_CREDENTIAL } from '@zhiliu/models'
import { t } from '@zhiliu/nodes'
import { MCP_SERVER_CREDENTIAL, mcpServerType } from '../mcp/mcp-server-credential.ts'
import { type CredentialType, defineCredentialType, plain, secret } from './credential-fields.ts'
import { maskSecret, shorten } from './mask-secret.ts'
import { modelProviderType } from './model-provider-type.ts'
import { publishCredentialTypes } from './publish-credential-types.ts'

export type { CredentialType } from './credential-fields.ts'

/** Every credential type the server stores. Nodes ask for one by its key (`ctx.secrets.get(id, 'http.bearer')`). */
export const credentialTypes = {
  'http.bearer': defineCredentialType({
    label: t('Bearer 令牌', 'Bearer token'),
    description: t('以 “Authorization: Bearer …” 发送的令牌。', 'A token sent as "Authorization: Bearer …".'),
    fields: z.strictObject({ token: secret(t('令牌', 'Token')) }),
    hint: (d) => maskSecret(d.token),
  }),
  'http.header': defineCredentialType({
    label: t('自定义请求头', 'Custom header'),
    description: t(
      '放在一个请求头里的密钥,例如 X-API-Key。',
      'A key sent in one request header, e.g. X-API-Key.',
    ),
    fields: z.strictObject({
      name: plain(
        z.string().regex(/^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,100}$/, 'not a valid header name'),
        t('请求头名称', 'Header name'),
      ),
      value: secret(t('值', 'Value')),
    }),
    hint: (d) => `${shorten(d.name)}: ${maskSecret(d.value)}`,
  }),
  'http.basic': defineCredentialType({
    label: t('用户名和密码', 'User name and password'),
    description: t('HTTP Basic 认证。', 'HTTP Basic authentication.'),
    fields: z.strictObject({
      username: plain(z.string().min(1).max(200), t('用户名', 'User name')),
      password: secret(t('密码', 'Password')),
    }),
    // A password shows no characters at all, however long.
    hint: (d) => `${shorten(d.username)} / …`,
  }),
  'openai.compatible': defineCredentialType({
    label: t('OpenAI 兼容模型服务', 'OpenAI-compatible model API'),
    description: t(
      'DeepSeek、通义千问、Kimi、Ollama 等兼容 OpenAI 接口的服务。',
      'DeepSeek, Qwen, Kimi, Ollama and other services with an OpenAI-style API.',
    ),
    fields: z.strictObject({
      baseUrl: plain(
        z.url({ protocol: /^https?$/, error: 'use an http(s) address' }).max(2000),
        t('接口地址', 'Base URL'),
      ),
      apiKey: secret(t('API 密钥', 'API key')),
    }),
    hint: (d) => `${shorten(new URL(d.baseUrl).host)} · ${maskSecret(d.apiKey)}`,
  }),
  [MODEL_PROVIDER_CREDENTIAL]: modelProviderType,
  ...publishCredentialTypes,
  [MCP_SERVER_CREDENTIAL]: mcpServerType,
}

export type CredentialTypeName = keyof typeof credentialTypes

export function credentialType(type: string): CredentialType | undefined {
  return Object.hasOwn(credentialTypes, type)
    ? (credentialTypes[type as CredentialTypeName] as CredentialType)
    : undefined
}

/** The names of a type's secret fields; every field for a type this server does not know. */
export function secretFieldsOf(type: string, data: Record<string, string>): string[] {
  const spec = credentialType(type)
  if (!spec) return Object.keys(data)
  return Object.entries(spec.fields.shape)
    .filter(([, schema]) => (schema as z.ZodType).meta()?.writeOnly === true)
    .map(([key]) => key)
}
