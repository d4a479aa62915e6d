// The floor under the peer harness's `hook` scenario: the same work with the same libraries and none of Zhiliu's
// runtime. Hono on @hono/node-server parses the body; JSONata (compiled once) upper-cases the title, LiquidJS (parsed
// once) renders the summary, JSONata takes its length; the run (event, output, four node results) is deflated and
// inserted into SQLite (WAL, synchronous=NORMAL) in a group commit per event-loop turn before the answer. No flow
// look-up, validation, events, cancellation, redaction, run history setting or idempotency. What Zhiliu spends above
// this is the price of its runtime (docs/performance.md, "The floor").
// usage: node bench/hook-floor.mjs [--port=3991] [--no-store], then POST ../shared/peer-bench/body.json to /hooks/x
import { randomUUID } from 'node:crypto'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { deflateRawSync } from 'node:zlib'
import { serve } from '@hono/node-server'
import Database from 'better-sqlite3'
import { Hono } from 'hono'
import jsonata from 'jsonata'
import { Liquid } from 'liquidjs'

const store = !process.argv.includes('--no-store')
const port = Number(process.argv.find((a) => a.startsWith('--port='))?.slice(7) ?? 3991)
const db = new Database(join(mkdtempSync(join(tmpdir(), 'zhiliu-floor-')), 'floor.db'))
db.pragma('journal_mode = WAL')
db.pragma('synchronous = NORMAL')
db.exec(
  'create table runs (id text primary key, flow text, status text, started integer, ended integer, packed blob)',
)
const insert = db.prepare('insert into runs values (?, ?, ?, ?, ?, ?)')
const commit = db.transaction((rows) => {
  for (const row of rows) insert.run(row)
})
let pending = []
const write = (row) =>
  new Promise((resolve) => {
    if (pending.length === 0)
      setImmediate(() => {
        const batch = pending
        pending = []
        commit(batch.map(([r]) => r))
        for (const [, done] of batch) done()
      })
    pending.push([row, resolve])
  })

const upper = jsonata('$uppercase(title)')
const length = jsonata('$length(text)')
const liquid = new Liquid()
const summary = liquid.parse('Summary: {{ upper }} by {{ author }}')

const app = new Hono()
app.post('/hooks/:id', async (c) => {
  const body = await c.req.json()
  const startedAt = Date.now()
  const title = await upper.evaluate(body)
  const text = liquid.renderSync(summary, { upper: title, author: body.author })
  const summaryLength = await length.evaluate({ text })
  const output = { title, summary: text, summaryLength }
  if (store) {
    const results = {
      upper: { status: 'succeeded', output: { result: title } },
      summary: { status: 'succeeded', output: { text } },
      len: { status: 'succeeded', output: { result: summaryLength } },
      reply: { status: 'succeeded', output },
    }
    const packed = deflateRawSync(JSON.stringify([body, output, results]))
    await write([randomUUID(), c.req.param('id'), 'succeeded', startedAt, Date.now(), packed])
  }
  return c.json(output)
})
serve({ fetch: app.fetch, port, hostname: '127.0.0.1' })
