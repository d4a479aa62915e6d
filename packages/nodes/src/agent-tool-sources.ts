import type { AgentTool, ToolSources } from './agent-tools.ts'
import { NodeError } from './errors.ts'
import type { KnowledgeRetriever } from './knowledge-retriever.ts'
import type { McpGateway } from './mcp-gateway.ts'

/** Passages one knowledge-base search gives the model: enough to answer from, few enough to keep the prompt short. */
const PASSAGES_PER_SEARCH = 5

/**
 * An agent's tools from outside its flow, made from the run's own services: a knowledge base (`kb`) is one search
 * tool, an MCP server (`mcp`) offers its tools. Which knowledge bases and servers a run may use is the services'
 * rule (the server scopes both to the run's owner), so this adds no access rule of its own.
 */
export function toolSourcesFrom(services: { knowledge: KnowledgeRetriever; mcp: McpGateway }): ToolSources {
  return {
    async resolve(source, ref, signal) {
      if (source === 'kb') return [knowledgeSearchTool(services.knowledge, ref)]
      if (source === 'mcp') {
        const tools = await services.mcp.tools(ref, signal)
        return tools.map((tool) => ({
          name: tool.name,
          description: tool.description,
          inputSchema: tool.inputSchema,
          call: (args, callSignal) => tool.call(objectArguments(args), callSignal),
        }))
      }
      throw new NodeError('TOOL_SOURCE_MISSING', `tools from "${source}" are not available on this server`)
    },
  }
}

function knowledgeSearchTool(knowledge: KnowledgeRetriever, knowledgeBaseId: string): AgentTool {
  return {
    name: `search_${knowledgeBaseId}`.replace(/[^\w-]/g, '_').slice(0, 64),
    description:
      '在知识库中检索与问题相关的段落，回答时只依据检索到的段落，并用 [n] 标明出处。' +
      ' Searches a knowledge base for passages relevant to a question; answer only from them and cite them as [n].',
    inputSchema: {
      type: 'object',
      properties: {
        query: { type: 'string', description: '要检索的问题或关键词 / the question or keywords' },
      },
      required: ['query'],
    },
    async call(args, signal) {
      const query = objectArguments(args).query
      if (typeof query !== 'string' || query.trim() === '') {
        throw new Error('call again with "query": the question to search for')
      }
      const chunks = await knowledge.search({
        knowledgeBaseIds: [knowledgeBaseId],
        query,
        topK: PASSAGES_PER_SEARCH,
        mode: 'hybrid',
        signal,
      })
      return {
        passages: chunks.map((chunk, i) => ({
          n: i + 1,
          document: chunk.document.name,
          ...(chunk.heading ? { heading: chunk.heading } : {}),
          text: chunk.text,
        })),
      }
    },
  }
}

/** A model may send `[]` or a bare string where an object belongs; the tool then answers with a clear mistake. */
function objectArguments(args: unknown): Record<string, unknown> {
  if (typeof args === 'object' && args !== null && !Array.isArray(args))
    return args as Record<string, unknown>
  throw new Error('the arguments must be a JSON object')
}
