import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { type FakeOpenAI, startFakeOpenAI } from '@zhiliu/fake-openai'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { demoProvider } from './default-provider.ts'
import { providerAt } from './fake-provider.ts'
import { testConnection } from './test-connection.ts'

let fake: FakeOpenAI
let other: Server
let otherUrl = ''
beforeAll(async () => {
  fake = await startFakeOpenAI({ models: ['deepseek-chat', 'deepseek-reasoner'] })
  // Some other web server: a wrong base URL lands on something like it.
  other = createServer((req, res) => {
    if (req.url?.startsWith('/html')) {
      res.writeHead(200, { 'content-type': 'text/html' })
      res.end('<html>portal</html>')
    } else {
      res.writeHead(404, { 'content-type': 'text/plain' })
      res.end('Not Found')
    }
  })
  await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve))
  otherUrl = `http://127.0.0.1:${(other.address() as AddressInfo).port}`
})
afterAll(async () => {
  await fake.close()
  other.close()
})

describe('testConnection', () => {
  it('succeeds and lists the models', async () => {
    const result = await testConnection(providerAt(fake, 'deepseek'))
    expect(result).toMatchObject({ ok: true, models: ['deepseek-chat', 'deepseek-reasoner'] })
    expect(fake.requests.at(-1)).toMatchObject({ method: 'GET', path: '/models' })
  })

  it('bad_key: says the provider refused the key and where to get one', async () => {
    const result = await testConnection(providerAt(fake, 'deepseek', { apiKey: 'sk-typo' }))
    expect(result).toMatchObject({ ok: false, problem: 'bad_key' })
    expect(result.message).toContain('The API key was refused by DeepSeek')
    expect(result.message).toContain('platform.deepseek.com')
  })

  it('model_missing: the key works but the default model is not offered, listing what is', async () => {
    const result = await testConnection(providerAt(fake, 'deepseek', { defaultModel: 'deepseek-v9' }))
    expect(result).toMatchObject({ ok: false, problem: 'model_missing' })
    expect(result.message).toMatch(/no model "deepseek-v9"\. It offers: deepseek-chat, deepseek-reasoner/)
  })

  it('bad_url: nothing at that path, or a web page instead of the API', async () => {
    const missing = await testConnection(providerAt(fake, 'deepseek', { baseURL: `${otherUrl}/v1` }))
    expect(missing).toMatchObject({ ok: false, problem: 'bad_url' })
    expect(missing.message).toContain(`Nothing answers at ${otherUrl}/v1`)
    expect(missing.message).toContain("DeepSeek's is https://api.deepseek.com")
    const page = await testConnection(providerAt(fake, 'custom', { baseURL: `${otherUrl}/html` }))
    expect(page).toMatchObject({ ok: false, problem: 'bad_url' })
  })

  it('unreachable: names the address and, for Ollama, how to start it', async () => {
    const closed = createServer()
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve))
    const port = (closed.address() as AddressInfo).port
    await new Promise<void>((resolve) => closed.close(() => resolve()))
    const result = await testConnection(
      providerAt(fake, 'ollama', { baseURL: `http://127.0.0.1:${port}/v1` }),
    )
    expect(result).toMatchObject({ ok: false, problem: 'unreachable' })
    expect(result.message).toMatch(/ECONNREFUSED.*ollama serve/)
  })

  it('the demo model needs no network', async () => {
    const result = await testConnection(demoProvider(), {
      fetch: () => Promise.reject(new Error('no network')),
    })
    expect(result).toMatchObject({ ok: true, models: ['demo-chat', 'demo-reasoner'] })
  })
})
