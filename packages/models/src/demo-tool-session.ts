import type { ChatMessage, ToolCall, ToolSpec } from '@zhiliu/nodes'
import { clip, hasChinese } from './demo-text.ts'
import { textOf } from './to-openai-messages.ts'

export type DemoToolTurn = { text: string } | { toolCalls: ToolCall[] }

/**
 * The demo model's scripted tool-calling session, so an agent can be shown with no network: asked a question with
 * tools, it first calls the tools that fit (every tool when none stands out), each with arguments taken from the
 * question; given their results, it answers from them. Deterministic, like the rest of the demo model.
 */
export function demoToolTurn(messages: readonly ChatMessage[], tools: readonly ToolSpec[]): DemoToolTurn {
  const lastUser = messages.findLastIndex((m) => m.role === 'user')
  const question = lastUser >= 0 ? textOf(messages[lastUser]?.content ?? '') : ''
  const results = messages.slice(lastUser + 1).filter((m) => m.role === 'tool')
  if (results.length === 0 && tools.length > 0) {
    const chosen = toolsFor(question, tools)
    return {
      toolCalls: chosen.map((tool, index) => ({
        id: `demo_call_${index + 1}`,
        name: tool.name,
        arguments: JSON.stringify(argumentsFor(tool, question)),
      })),
    }
  }
  const zh = hasChinese(question) || question === ''
  const lines = results.map((m) => `- ${clip(readable(textOf(m.content)), 160)}`)
  if (lines.length === 0) {
    return {
      text: zh
        ? `（演示智能体）关于「${clip(question, 30)}」：没有可用的工具，这是示例回答。`
        : `(Demo agent) About "${clip(question, 30)}": no tools were given, so this is a sample answer.`,
    }
  }
  return {
    text: zh
      ? `您好！根据查询结果：\n${lines.join('\n')}\n（这是离线演示模型按脚本给出的回答。）`
      : `Here is what I found:\n${lines.join('\n')}\n(A scripted answer from the offline demo model.)`,
  }
}

/** Tools whose name or description shares a word with the question; every tool (at most three) when none does. */
function toolsFor(question: string, tools: readonly ToolSpec[]): ToolSpec[] {
  const hints: [RegExp, RegExp][] = [
    [/订单|物流|快递|发货|order|shipping|\d{4,}/i, /order|订单|物流|shipping/i],
    [/退|换|保修|怎么|如何|多久|政策|faq|return|refund|how/i, /faq|问题|常见|知识|policy|question/i],
  ]
  const matching = tools.filter((tool) =>
    hints.some(([asked, offers]) => asked.test(question) && offers.test(`${tool.name} ${tool.description}`)),
  )
  return (matching.length > 0 ? matching : tools).slice(0, 3)
}

/** Each declared field from the question: digits for a number or an id, the question itself for text. */
function argumentsFor(tool: ToolSpec, question: string): Record<string, unknown> {
  const properties = (tool.parameters.properties ?? {}) as Record<string, { type?: string }>
  const digits = question.match(/\d{4,}/)?.[0]
  return Object.fromEntries(
    Object.entries(properties).map(([name, schema]) => {
      if (schema.type === 'number') return [name, Number(digits ?? 1)]
      if (schema.type === 'boolean') return [name, true]
      if (/id|no|number|号|编号/i.test(name) && digits) return [name, digits]
      return [name, question]
    }),
  )
}

/** A tool's JSON reply as a short line of text. */
function readable(text: string): string {
  try {
    const value: unknown = JSON.parse(text)
    if (typeof value === 'string') return value
    if (typeof value === 'object' && value !== null) {
      return Object.entries(value)
        .map(([k, v]) => `${k}: ${typeof v === 'string' ? v : JSON.stringify(v)}`)
        .join('；')
    }
    return String(value)
  } catch {
    return text
  }
}
