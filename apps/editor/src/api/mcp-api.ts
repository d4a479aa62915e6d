import { request } from './request.ts'

/** A tool of a configured MCP server, as the server lists it (GET /api/credentials/{id}/mcp-tools). */
export interface McpToolSummary {
  name: string
  description: string
  inputSchema: Record<string, unknown>
}

const listed = new Map<string, Promise<McpToolSummary[]>>()

/**
 * The tools of an MCP server credential's server, asked once per page for both the tool picker and the arguments
 * form; a failed listing is forgotten so the next look asks again.
 */
export function listMcpTools(credentialId: string): Promise<McpToolSummary[]> {
  const known = listed.get(credentialId)
  if (known) return known
  const asked = request<{ items: McpToolSummary[] }>(
    'GET',
    `/api/credentials/${encodeURIComponent(credentialId)}/mcp-tools`,
  ).then((r) => r.items)
  asked.catch(() => listed.delete(credentialId))
  listed.set(credentialId, asked)
  return asked
}
