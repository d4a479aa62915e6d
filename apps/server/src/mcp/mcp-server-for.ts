import { Server } from '@modelcontextprotocol/sdk/server/index.js'
import {
  CallToolRequestSchema,
  ErrorCode,
  ListToolsRequestSchema,
  McpError,
} from '@modelcontextprotocol/sdk/types.js'
import type { User } from '@zhiliu/db'
import { ApiError } from '../http/api-error.ts'
import type { FlowTools } from './flow-tools.ts'
import { toolError } from './tool-answer.ts'

// A module of its own so that the MCP SDK (with ajv, ≈ 150 modules) is loaded by the first /mcp request, not at start.
export { WebStandardStreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js'

const SERVER_INFO = { name: 'zhiliu', title: '智流 Zhiliu', version: '0.1.0' }

/** One request's MCP server: the caller's published flows that are MCP tools. */
export function mcpServerFor(user: User, tools: FlowTools): Server {
  const server = new Server(SERVER_INFO, { capabilities: { tools: {} } })
  server.setRequestHandler(ListToolsRequestSchema, async () => ({ tools: await tools.list(user) }))
  server.setRequestHandler(CallToolRequestSchema, async (request) => {
    const { name, arguments: args } = request.params
    try {
      const answer = await tools.call(user, name, args)
      if (!answer) throw new McpError(ErrorCode.InvalidParams, `Unknown tool: ${name}`)
      return answer
    } catch (error) {
      // Refused before the flow ran (storage full, run limits): the model can read why, as from a failed flow.
      if (error instanceof ApiError) return toolError(error.message)
      throw error
    }
  })
  return server
}
