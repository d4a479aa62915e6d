import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { FakeOpenAI } from '@zhiliu/fake-openai'
import { callApi, type RequestTarget } from '../test-support/call-api.ts'
import type { AuthHeaders } from '../test-support/sign-in.ts'

// Test-only helpers for the model provider tests.

export const FAKE_KEY = 'sk-fake-key'

/** Stores a `model-provider` credential whose base URL is the fake server, and returns its id. */
export async function createProviderCredential(
  app: RequestTarget,
  headers: AuthHeaders,
  fake: FakeOpenAI,
  data: Record<string, string> = {},
): Promise<string> {
  const res = await callApi(app, 'POST', '/api/credentials', {
    headers,
    body: {
      name: 'DeepSeek (fake)',
      type: 'model-provider',
      data: { preset: 'deepseek', baseURL: fake.origin, apiKey: FAKE_KEY, ...data },
    },
  })
  if (res.status !== 201)
    throw new Error(`creating the provider failed: ${res.status} ${JSON.stringify(res.body)}`)
  return (res.body as { id: string }).id
}

/** A local HTTP server answering every request with `handler`; for "not an API" and redirect cases. */
export async function startPlainServer(
  handler: Parameters<typeof createServer>[1],
): Promise<{ origin: string; close(): Promise<void> }> {
  const server: Server = createServer(handler)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return {
    origin,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
