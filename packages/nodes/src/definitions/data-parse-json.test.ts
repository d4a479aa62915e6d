import { describe, expect, it } from 'vitest'
import { dataParseJson } from './data-parse-json.ts'
import { nodeError, runNode } from './test-context.ts'

describe('data.parse-json', () => {
  it('parses JSON text into data', async () => {
    expect(await runNode(dataParseJson, { text: '{"title":"快讯","tags":["a"]}' })).toEqual({
      value: { title: '快讯', tags: ['a'] },
    })
  })

  it('unwraps the Markdown code fence AI models put around JSON', async () => {
    const text = '```json\n{"ok": true}\n```\n'
    expect(await runNode(dataParseJson, { text })).toEqual({ value: { ok: true } })
  })

  it('passes data that is already parsed through unchanged', async () => {
    expect(await runNode(dataParseJson, { text: { a: 1 } })).toEqual({ value: { a: 1 } })
  })

  it('reports where the text stops being JSON', async () => {
    const err = await nodeError(runNode(dataParseJson, { text: '{\n  "a": 1,\n  "b": tru\n}' }))
    expect(err.code).toBe('JSON_INVALID')
    expect(err.details).toEqual({ position: 19, line: 3, column: 8 })
    expect(err.message).toContain('line 3, column 8')
  })

  it('refuses empty text', async () => {
    expect((await nodeError(runNode(dataParseJson, { text: '  ' }))).code).toBe('JSON_INVALID')
  })
})
