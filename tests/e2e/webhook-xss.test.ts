import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { APIRequestContext, ConsoleMessage, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { closeEditor, type EditorSession, openSignedInEditor } from './support/editor-session.ts'

/**
 * Issue 12's attack, in a real browser: the owner is signed in to the editor; a page on another origin auto-submits
 * a form to a published webhook whose Respond node echoes the input as HTML. The echoed script tries to use the
 * owner's session to create an API token. The server sandboxes every flow answer, so the script never runs.
 */
let editor: EditorSession
let attacker: Server
let attackerUrl: string

// What the attacker's script does if it ever runs on the editor's origin: create a token, then say so in the title.
const PAYLOAD = `<script>
(async () => {
  const out = { origin: location.origin, cookie: document.cookie }
  try {
    const res = await fetch('/api/tokens', {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'pwned' }),
    })
    out.status = res.status
  } catch (e) { out.error = String(e) }
  document.title = 'done:' + JSON.stringify(out)
})()
</script>`

const echoFlow = {
  schemaVersion: 1,
  name: '回显',
  nodes: [
    { id: 'hook', type: 'trigger.webhook', version: 1, config: {} },
    {
      id: 'reply',
      type: 'flow.respond',
      version: 1,
      config: {
        headers: [{ key: 'content-type', value: 'text/html; charset=utf-8' }],
        body: '<h1 id="echo">你好</h1>{{ trigger.body.name }}',
      },
    },
  ],
  edges: [{ id: 'e1', source: 'hook', target: 'reply' }],
}

const tokenNames = async (api: APIRequestContext, base: string) =>
  ((await (await api.get(`${base}/api/tokens`)).json()) as { items: { name: string }[] }).items.map(
    (t) => t.name,
  )

/** The attacker's page: a form that posts itself to the webhook as soon as it loads. */
function attackPage(hookUrl: string): string {
  const value = PAYLOAD.replaceAll('&', '&amp;').replaceAll('"', '&quot;')
  return `<!doctype html><form method="post" action="${hookUrl}">
<input type="hidden" name="name" value="${value}"></form>
<script>document.forms[0].submit()</script>`
}

beforeAll(async () => {
  editor = await openSignedInEditor()
  const api = editor.page.context().request
  const base = editor.server.url
  const created = await api.post(`${base}/api/flows`, { data: echoFlow })
  const { id } = (await created.json()) as { id: string }
  // The CSRF rule: a cookie-signed write is JSON.
  const publish = await api.post(`${base}/api/flows/${id}/publish`, { data: {} })
  expect(publish.status()).toBe(201)
  const page = attackPage(`${base}/hooks/${encodeURIComponent(id)}`)
  attacker = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(page))
  // Another loopback address: another origin and another site than the server's 127.0.0.1.
  await new Promise<void>((resolve) => attacker.listen(0, '127.0.0.2', resolve))
  attackerUrl = `http://127.0.0.2:${(attacker.address() as AddressInfo).port}/`
}, 180_000)

afterAll(async () => {
  attacker?.close()
  await closeEditor(editor)
})

describe('a cross-site form posted to a webhook that echoes HTML', () => {
  it('cannot run script with the editor’s origin: the owner’s tokens are unchanged', async () => {
    const { page, server } = editor
    const api = page.context().request
    const before = await tokenNames(api, server.url)
    const blocked = (m: ConsoleMessage) => /Blocked script execution/.test(m.text())
    const consoleBlocked = page.waitForEvent('console', { predicate: blocked, timeout: 15_000 })
    await page.goto(attackerUrl)
    await page.waitForURL(`${server.url}/hooks/**`)
    // The answer did arrive and render: the flow's own markup is there, with the payload inside it.
    await page.locator('#echo').waitFor()
    // Either the script ran (the title says so) or the browser refused to run it; whichever happens first.
    const outcome = await Promise.race([
      consoleBlocked.then(() => 'blocked'),
      waitForTitle(page).then((title) => `ran: ${title}`),
    ])
    expect(outcome).toBe('blocked')
    // An opaque origin: nothing in this document counts as the server's origin.
    await expect(page.evaluate(() => window.origin)).resolves.toBe('null')
    expect(await tokenNames(api, server.url)).toEqual(before)
    expect(editor.errors).toEqual([])
  })
})

async function waitForTitle(page: Page): Promise<string> {
  await page.waitForFunction(() => document.title.startsWith('done:'), undefined, { timeout: 15_000 })
  return page.title()
}
