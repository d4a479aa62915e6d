import { describe, expect, it } from 'vitest'
import { entry, loadTestCatalogue } from '../test-support/load-catalogue.ts'
import { outputPortsOf } from './node-ports.ts'

loadTestCatalogue()
const names = (ports: readonly { name: string }[]) => ports.map((p) => p.name)

describe('output ports', () => {
  it('derives a switch’s ports from its cases, as the engine does', () => {
    const config = {
      value: '',
      cases: [{ id: 'sports', label: '体育', operator: 'equals', compare: '体育' }, { id: 'tech' }],
    }
    expect(names(outputPortsOf(entry('logic.switch'), config, { onError: 'fail' }))).toEqual([
      'sports',
      'tech',
      'default',
    ])
  })

  it('falls back to the catalogue’s ports while the config does not parse', () => {
    const config = { cases: [{ id: 'not an id!' }] }
    expect(names(outputPortsOf(entry('logic.switch'), config, { onError: 'fail' }))).toEqual([
      'case_1',
      'default',
    ])
  })

  it('adds the error port when failures are routed there', () => {
    expect(names(outputPortsOf(entry('text.template'), {}, { onError: 'errorPort' }))).toEqual([
      'out',
      'error',
    ])
  })
})
