import { z } from 'zod'
import type { ChatMessage } from '../context.ts'
import { defineNode } from '../define-node.ts'
import { t } from '../localized.ts'
import { field } from '../ui-hints.ts'
import { runAgent } from './ai-agent-loop.ts'
import { collectTools, HttpTool, SourceTool } from './ai-agent-tools.ts'
import {
  Cost,
  modelFields,
  modelOutputFields,
  modelSettings,
  requiredText,
  Usage,
} from './ai-model-fields.ts'
import { inPort, outPort } from './ports.ts'
import { toText } from './to-text.ts'

const ToolCallView = z.object({
  id: z.string(),
  name: z.string(),
  arguments: z.unknown(),
  result: z.unknown().optional(),
  error: z.string().optional(),
  /** The run a flow tool started, which the run view links to. */
  runId: z.string().optional(),
  ms: z.number(),
})

const Step = z.object({
  message: z.string(),
  reasoning: z.string().optional(),
  toolCalls: z.array(ToolCallView),
  ms: z.number(),
  usage: Usage,
  cost: Cost.optional(),
})

export const aiAgent = defineNode({
  type: 'ai.agent',
  version: 1,
  category: 'ai',
  title: t('智能体', 'AI agent'),
  description: t(
    '让大模型自己决定调用哪些工具（已发布的流程、HTTP 接口、知识库、MCP 服务），直到得出回答；每一步都记录在运行详情里。',
    'A model that decides which tools to call (published flows, HTTP APIs, knowledge bases, MCP servers) until it can answer; each step is shown in the run.',
  ),
  inputs: [inPort],
  outputs: [outPort],
  config: z.object({
    ...modelFields,
    systemPrompt: field(z.unknown().default(''), {
      widget: 'textarea',
      label: t('系统提示词', 'System prompt'),
      placeholder: t(
        '你是网店的客服，先查清订单和常见问题再回答。',
        'You are a shop assistant; look up orders and the FAQ before answering.',
      ),
    }),
    prompt: field(z.unknown().default(''), {
      required: true,
      widget: 'textarea',
      label: t('用户消息', 'User message'),
      placeholder: t('{{ trigger.body.message }}', '{{ trigger.body.message }}'),
    }),
    flowTools: field(z.array(z.string().max(100)).max(20).default([]), {
      widget: 'flows',
      template: false,
      label: t('流程工具', 'Flow tools'),
      help: t(
        '模型可以调用的已发布流程；流程的名称、说明和输入字段告诉模型它能做什么。',
        'Published flows the model may call; their name, description and input fields tell the model what they do.',
      ),
    }),
    httpTools: field(z.array(HttpTool).max(20).default([]), {
      widget: 'list',
      template: false,
      label: t('HTTP 工具', 'HTTP tools'),
    }),
    sourceTools: field(z.array(SourceTool).max(20).default([]), {
      widget: 'tool-sources',
      label: t('知识库与 MCP 工具', 'Knowledge-base and MCP tools'),
      help: t(
        '勾选的知识库成为一个检索工具；勾选的 MCP 服务器（凭据里的“MCP 服务器”）提供它的全部工具。',
        'A ticked knowledge base is one search tool; a ticked MCP server (an “MCP server” credential) offers all its tools.',
      ),
    }),
    maxSteps: field(z.int().min(1).max(50).default(8), {
      widget: 'number',
      label: t('最多步数', 'Max steps'),
      help: t(
        '模型调用工具的轮数上限，到了还没回答就算失败。',
        'How many rounds of tool calls before the agent gives up and fails.',
      ),
    }),
    tokenBudget: field(z.int().min(100).max(10_000_000).optional(), {
      widget: 'number',
      label: t('token 预算', 'Token budget'),
      help: t('所有步骤合计；留空不单独限制。', 'For all steps together; empty: no separate limit.'),
    }),
    toolTimeoutSeconds: field(z.int().min(1).max(600).default(60), {
      widget: 'number',
      label: t('单个工具超时（秒）', 'Tool timeout (seconds)'),
    }),
  }),
  output: z.object({
    text: z.string(),
    reasoning: z.string().optional(),
    /** Each round trip: the model's message, the tools it called with arguments and results, timings, tokens, cost. */
    steps: z.array(Step),
    ...modelOutputFields,
  }),
  // Tools may take a while each, over several steps.
  timeoutMs: 600_000,
  // A retry would call every tool again; a failure is shown with its steps instead.
  sideEffects: false,
  async run({ config }, ctx) {
    const system = toText(config.systemPrompt)
    const messages: ChatMessage[] = [
      ...(system.trim() ? [{ role: 'system' as const, content: system }] : []),
      { role: 'user', content: requiredText(config.prompt, 'The user message') },
    ]
    const tools = await collectTools(config, ctx)
    return runAgent(
      { ...modelSettings(config), messages },
      tools,
      {
        maxSteps: config.maxSteps,
        tokenBudget: config.tokenBudget,
        toolTimeoutMs: config.toolTimeoutSeconds * 1000,
      },
      ctx,
    )
  },
})
