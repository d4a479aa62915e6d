import { clip, hasChinese, materialOf, sentencesOf } from './demo-text.ts'

export interface DemoInput {
  /** The last user message's text. */
  prompt: string
  system: string
  images: number
}

/** A scripted answer: fixed text, or a function of the input so the answer still reflects what was asked. */
export type DemoScript = string | ((input: DemoInput) => string)

function summarize({ prompt }: DemoInput): string {
  const material = materialOf(prompt)
  const parts = sentencesOf(material)
  const zh = hasChinese(material)
  if (parts.length === 0)
    return zh || hasChinese(prompt) ? '没有收到需要总结的内容。' : 'There was nothing to summarise.'
  const points = parts.slice(1, 4).map((p, i) => `${i + 1}. ${clip(p, 40)}`)
  const count = [...material.replace(/\s/g, '')].length
  if (!zh)
    return [
      `In short: ${clip(parts[0] ?? '', 80)}.`,
      ...points,
      `(About ${count} characters in the original.)`,
    ].join('\n')
  return [`这段内容的要点是：${clip(parts[0] ?? '', 50)}。`, ...points, `（原文约 ${count} 字。）`].join('\n')
}

function titles({ prompt }: DemoInput): string {
  const lead = clip(sentencesOf(materialOf(prompt))[0] ?? '今日要闻', 18)
  return [`1. ${lead}`, `2. 一文读懂：${lead}`, `3. 关于${lead}，你需要知道的三件事`].join('\n')
}

function translate({ prompt }: DemoInput): string {
  const material = materialOf(prompt)
  // The demo cannot translate; it says so in the shape of a real answer rather than inventing one.
  return hasChinese(material) ? `[Demo translation] ${material}` : `【演示译文】${material}`
}

function vision({ prompt, images }: DemoInput): string {
  return (
    `演示模型收到了 ${images} 张图片和问题「${clip(prompt, 30)}」。` +
    '接入支持识图的模型（如 qwen-vl-plus、GPT-4o）后，这里会是对图片内容的描述。'
  )
}

function fallback({ prompt }: DemoInput): string {
  const topic = clip(sentencesOf(materialOf(prompt))[0] ?? prompt, 30)
  if (!hasChinese(prompt) && prompt.trim() !== '') {
    return `About "${topic}": this is a sample answer from the offline demo model. Connect a real model (DeepSeek, Qwen, OpenAI…) to get a generated answer here.`
  }
  return `关于「${topic}」：这是离线演示模型给出的示例回答。接入真实模型（如 DeepSeek、通义千问）后，这里会是模型生成的内容。`
}

export const builtinDemoScripts: Record<string, DemoScript> = { summarize, titles, translate }

const byPrompt: [RegExp, DemoScript][] = [
  [/摘要|总结|概括|归纳|summar/i, summarize],
  [/标题|题目|headline|title/i, titles],
  [/翻译|译成|译为|translat/i, translate],
]

/** The demo's answer: the script named by `demoKey`, else one matched by what the prompt asks, else a fallback. */
export function demoAnswer(
  input: DemoInput,
  demoKey: string | undefined,
  scripts: Record<string, DemoScript>,
): string {
  const script =
    (demoKey ? scripts[demoKey] : undefined) ??
    (input.images > 0 ? vision : undefined) ??
    byPrompt.find(([pattern]) => pattern.test(`${input.system}\n${input.prompt.split('\n')[0]}`))?.[1] ??
    fallback
  return typeof script === 'string' ? script : script(input)
}

export function demoReasoning({ prompt }: DemoInput): string {
  const size = [...prompt].length
  return `先读一遍问题和材料（约 ${size} 字），找出最重要的信息；再想清楚回答需要的格式；最后用简洁的语言写出答案。`
}
