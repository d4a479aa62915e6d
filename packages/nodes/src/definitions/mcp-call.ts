import { z } from 'zod'
import { defineNode } from '../define-node.ts'
import { NodeError } from '../errors.ts'
import { t } from '../localized.ts'
import { field } from '../ui-hints.ts'
import { argumentsFor } from './mcp-arguments.ts'
import { inPort, outPort } from './ports.ts'

const config = z.object({
  server: field(z.string().min(1, 'choose the MCP server').max(200), {
    widget: 'credential',
    credentialType: 'mcp.server',
    label: t('MCP 服务器', 'MCP server'),
    help: t(
      '保存为「MCP 服务器」凭据：地址和需要的请求头（例如令牌），加密保存。',
      'Saved as an "MCP server" credential: its address and the headers it needs (a token), stored encrypted.',
    ),
  }),
  tool: field(z.string().min(1, 'enter the tool name').max(200), {
    widget: 'mcp-tool',
    label: t('工具', 'Tool'),
    help: t(
      '选好服务器后，这里列出它的工具（由智流服务器去查询，请求头和令牌不会发到浏览器）。',
      'Once the server is chosen, its tools are listed here (the Zhiliu server asks it; its headers and token never reach the browser).',
    ),
  }),
  arguments: field(z.record(z.string(), z.unknown()).default({}), {
    widget: 'mcp-arguments',
    label: t('参数', 'Arguments'),
    help: t(
      '按工具要求的字段填写，可以插入变量，例如 {{ trigger.body.city }}；数字、是/否和 JSON 字段按工具声明的类型转换。',
      'The fields the tool asks for; values may insert variables, e.g. {{ trigger.body.city }}. Number, yes/no and JSON fields are converted to the type the tool declares.',
    ),
  }),
})

export const mcpCall = defineNode({
  type: 'mcp.call',
  version: 1,
  category: 'integration',
  title: t('调用 MCP 工具', 'Call MCP tool'),
  description: t(
    '调用一个 MCP 服务器上的工具，把工具的结果交给后面的节点。',
    "Calls one tool of an MCP server and passes the tool's result on.",
  ),
  inputs: [inPort],
  outputs: [outPort],
  config,
  output: z.object({ result: z.unknown() }),
  timeoutMs: 60_000,
  // A tool may act on the world, and nothing on its side recognises a repeated call.
  sideEffects: 'unkeyed',
  async run({ config }, ctx) {
    const tools = await ctx.mcp.tools(config.server, ctx.signal)
    const tool = tools.find((candidate) => candidate.name === config.tool)
    if (!tool) {
      const names = tools.map((candidate) => candidate.name)
      throw new NodeError(
        'MCP_TOOL_NOT_FOUND',
        `The MCP server has no tool "${config.tool}"; it has: ${names.join(', ') || 'none'}`,
        { details: { tool: config.tool, available: names } },
      )
    }
    return { result: await tool.call(argumentsFor(config.arguments, tool.inputSchema), ctx.signal) }
  },
})
