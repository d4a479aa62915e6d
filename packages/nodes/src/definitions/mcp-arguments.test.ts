import { describe, expect, it } from 'vitest'
import { argumentsFor } from './mcp-arguments.ts'

const schema = {
  type: 'object',
  properties: {
    city: { type: 'string' },
    days: { type: 'integer' },
    metric: { type: 'boolean' },
    filter: { type: 'object' },
    note: { type: 'string' },
  },
  required: ['city'],
}

describe('argumentsFor (mcp.call)', () => {
  it("converts the form's text to the types the tool declares, and leaves out empty optional fields", () => {
    expect(
      argumentsFor({ city: '杭州', days: '3', metric: 'false', filter: '{"rain":true}', note: '' }, schema),
    ).toEqual({ city: '杭州', days: 3, metric: false, filter: { rain: true } })
  })

  it('passes what does not convert as it is, for the tool to refuse, and keeps values that are not text', () => {
    expect(argumentsFor({ city: '', days: 'soon', filter: '{', metric: true }, schema)).toEqual({
      city: '',
      days: 'soon',
      filter: '{',
      metric: true,
    })
  })
})
