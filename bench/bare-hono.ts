/**
 * The yardstick for the webhook benchmark: a bare Hono app on @hono/node-server that parses the same JSON and
 * answers with the title upper-cased — no flow, no storage. Started as its own process by `webhook.ts`.
 */
import { serve } from '@hono/node-server'
import { Hono } from 'hono'

const app = new Hono().post('/hooks/bare', async (c) => {
  const body = await c.req.json<{ title: string; author: string; body: string }>()
  return c.json({ title: body.title.toUpperCase(), author: body.author, words: body.body.split(' ').length })
})

serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => {
  console.log(JSON.stringify({ msg: 'listening', url: `http://127.0.0.1:${info.port}` }))
})
