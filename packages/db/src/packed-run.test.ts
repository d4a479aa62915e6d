import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import {
  PACK_FORMAT,
  type PackedValues,
  packRunValues,
  unpackRunText,
  unpackRunValues,
} from './packed-run.ts'

const event = {
  body: { text: 'hello, packed world' },
  headers: { 'content-type': 'application/json' },
  query: {},
  method: 'POST',
  firedAt: '2026-12-06T19:35:54.913Z',
}
const output = { status: 200, headers: {}, body: { ok: true } }
const results = { hook: { t: 0 }, reply: { t: 1, d: 2 } }
const values: PackedValues = {
  event: JSON.stringify(event),
  output: JSON.stringify(output),
  results: JSON.stringify(results),
  document: null,
}
const plainBytes = (v: PackedValues) =>
  Buffer.byteLength(`[${v.event},${v.output ?? 'null'},${v.results ?? 'null'},${v.document ?? 'null'}]`)

describe('a packed run', () => {
  it('gives back every value it packed, a SQL NULL column as null', () => {
    const packed = packRunValues(values)
    expect(packed).not.toBeNull()
    expect(unpackRunValues(packed as Buffer)).toEqual({ event, output, results, document: null })
    expect(unpackRunText(packed as Buffer)).toEqual(values)
  })

  it('starts with its format byte, so a later format can be told apart', () => {
    expect(packRunValues(values)?.[0]).toBe(PACK_FORMAT)
  })

  it('still reads a value packed by the first version of format 1 (its dictionary never changes)', () => {
    const written =
      'AUMKFKjijNScnHwdhYLE5OzUFIXy/KKcFJCLSMsExLvf0EjXwCzE0NLK2NTK1ETP0tAYlJBx5kAsGay2Fi0MakHprSCnEso3BHvWqLZWB5STYgE='
    expect(unpackRunValues(Buffer.from(written, 'base64'))).toEqual({
      event,
      output,
      results,
      document: null,
    })
  })

  it('is packed only when that pays: not below 64 bytes, nor when it would save under 32 bytes or a tenth', () => {
    const tiny: PackedValues = { event: '{"body":null}', output: null, results: null, document: null }
    expect(plainBytes(tiny)).toBeLessThan(64)
    expect(packRunValues(tiny)).toBeNull()
    // A random token: deflate finds nothing to share in it, only in the JSON around it (≈ 17 of 124 bytes).
    const token = createHash('sha512').update('token').digest('base64url')
    const random: PackedValues = { ...tiny, event: JSON.stringify({ body: { token } }) }
    expect(plainBytes(random)).toBe(124)
    expect(packRunValues(random)).toBeNull()
    const typical = packRunValues(values)
    expect(typical?.length).toBeLessThan(plainBytes(values) * 0.9)
  })

  it('shares what its values repeat: a reply quoting a node output costs little more than the node output', () => {
    const text =
      'Summary: QUARTERLY REPORT ON WORKFLOW ENGINE THROUGHPUT by Ada Lovelace, written for the board'
    const alone = packRunValues({ ...values, results: JSON.stringify({ summary: { t: 1, o: { text } } }) })
    const quoted = packRunValues({
      ...values,
      results: JSON.stringify({ summary: { t: 1, o: { text } } }),
      output: JSON.stringify({ status: 200, headers: {}, body: { summary: text } }),
    })
    expect((quoted?.length ?? 0) - (alone?.length ?? 0)).toBeLessThan(text.length / 3)
  })

  it('refuses a format it does not know rather than reading it as an empty run', () => {
    const packed = Buffer.from(packRunValues(values) as Buffer)
    packed[0] = 2
    expect(() => unpackRunValues(packed)).toThrow(/format 2/)
  })
})
