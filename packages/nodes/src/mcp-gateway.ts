/**
 * The tools of MCP servers (Model Context Protocol, Streamable HTTP) that the run's owner configured as credentials
 * of type `mcp.server`. The server connects through the outbound guard with the credential's headers; nodes see
 * only tools.
 */
export interface McpGateway {
  /** The server's tools (cached by the server for a few minutes). Fails MCP_UNREACHABLE when it cannot be reached. */
  tools(serverId: string, signal?: AbortSignal): Promise<McpTool[]>
}

export interface McpTool {
  name: string
  description: string
  /** JSON Schema of the arguments, as the MCP server declared it. */
  inputSchema: Record<string, unknown>
  /**
   * Calls the tool: resolves with its structured content, else its text. Rejects with a NodeError MCP_TOOL_ERROR
   * carrying the tool's own message when the tool reports an error.
   */
  call(args: Record<string, unknown>, signal?: AbortSignal): Promise<unknown>
}
