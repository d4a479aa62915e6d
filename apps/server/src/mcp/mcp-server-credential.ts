import { z } from '@hono/zod-openapi'
import { t } from '@zhiliu/nodes'
import { defineCredentialType, httpUrl, optionalSecret, plain } from '../credentials/credential-fields.ts'
import { shorten } from '../credentials/mask-secret.ts'

export const MCP_SERVER_CREDENTIAL = 'mcp.server'

const HEADER_LINE = /^([!#$%&'*+.^_`|~0-9A-Za-z-]{1,100})\s*:\s*(.*)$/

/** `Name: value` per line, blank lines skipped; the parsed headers, or undefined when a line is not a header. */
export function parseHeaderLines(text: string | undefined): Record<string, string> | undefined {
  const headers: Record<string, string> = {}
  for (const line of (text ?? '').split(/\r?\n/)) {
    if (line.trim() === '') continue
    const match = HEADER_LINE.exec(line.trim())
    if (!match?.[1]) return undefined
    headers[match[1]] = match[2] ?? ''
  }
  return headers
}

/**
 * An MCP server reached over Streamable HTTP (nothing is ever started on this server): its address and the headers
 * it wants, e.g. `Authorization: Bearer …`. The headers are one secret field, stored encrypted like any credential.
 */
export const mcpServerType = defineCredentialType({
  label: t('MCP 服务器', 'MCP server'),
  description: t(
    '通过 Streamable HTTP 连接的 MCP（模型上下文协议）服务器，它的工具可以在「调用 MCP 工具」节点里使用。',
    'An MCP (Model Context Protocol) server reached over Streamable HTTP; its tools can be used by the "Call MCP tool" node.',
  ),
  fields: z.strictObject({
    url: plain(
      httpUrl(),
      t('服务器地址', 'Server URL'),
      t('例如 https://example.com/mcp', 'e.g. https://example.com/mcp'),
    ),
    headers: optionalSecret(
      t('请求头', 'Headers'),
      t('每行一个，例如 Authorization: Bearer …', 'One per line, e.g. Authorization: Bearer …'),
      z
        .string()
        .max(8192)
        .refine((text) => parseHeaderLines(text) !== undefined, 'write one "Name: value" header per line'),
    ),
  }),
  hint: (d) => shorten(new URL(d.url).host),
})
