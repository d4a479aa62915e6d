/**
 * The yardstick for the AI benchmark: the least a server can do for "webhook → model → answer" — a bare Hono app
 * that streams one chat completion through a single shared openai client and answers the text. No flow, no
 * storage, no events. Started as its own process by `ai.ts`, so its CPU and latency compare with Zhiliu's.
 */
import { serve } from '@hono/node-server'
import { Hono } from 'hono'
import OpenAI from 'openai'

// The SDK reads OPENAI_BASE_URL and OPENAI_API_KEY itself, as Zhiliu's default provider does.
const client = new OpenAI({ maxRetries: 0 })

const app = new Hono().post('/hooks/bare', async (c) => {
  const body = await c.req.json<{ text: string }>()
  const stream = await client.chat.completions.create({
    model: 'deepseek-chat',
    messages: [{ role: 'user', content: `请总结：${body.text}` }],
    stream: true,
  })
  let text = ''
  for await (const chunk of stream) text += chunk.choices[0]?.delta?.content ?? ''
  return c.json({ text })
})

serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => {
  console.log(JSON.stringify({ msg: 'listening', url: `http://127.0.0.1:${info.port}` }))
})
