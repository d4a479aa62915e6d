import { describe, expect, it } from 'vitest'
import { storedEvent } from './stored-event.ts'

describe('the event a run stores', () => {
  it('leaves out the headers of the connection and keeps those a person reading the run needs', () => {
    const event = {
      body: { a: 1 },
      headers: {
        host: '127.0.0.1:3000',
        connection: 'keep-alive',
        'content-length': '305',
        'accept-encoding': 'gzip, deflate',
        'sec-fetch-mode': 'cors',
        accept: '*/*',
        'accept-language': '*',
        'content-type': 'application/json',
        'user-agent': 'node',
        'x-shop-id': '42',
        'accept-language-kept': 'zh-CN',
      },
      query: { q: '1' },
      method: 'POST',
      firedAt: '2026-12-06T16:00:00.000Z',
    }
    expect(storedEvent(event)).toEqual({
      ...event,
      headers: {
        'content-type': 'application/json',
        'user-agent': 'node',
        'x-shop-id': '42',
        'accept-language-kept': 'zh-CN',
      },
    })
  })

  it('keeps an Accept or Accept-Language that names something', () => {
    const headers = { accept: 'application/xml', 'accept-language': 'zh-CN' }
    expect(storedEvent({ body: null, headers }).headers).toEqual(headers)
  })
})
