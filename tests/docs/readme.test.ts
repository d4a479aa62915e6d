import { readFileSync } from 'node:fs'
import { builtinNodes } from '@zhiliu/nodes'
import { describe, expect, it } from 'vitest'

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8')

describe('README', () => {
  it('opens with the three commands a new user runs, in order', () => {
    const setup = readme.slice(0, readme.indexOf('### Settings'))
    const at = ['npm install', 'npm start', 'npm test'].map((c) => setup.indexOf(c))
    expect(at.every((i) => i > 0)).toBe(true)
    expect([...at].sort((a, b) => a - b)).toEqual(at)
  })

  it('gives every node with side effects the crash guarantee its definition declares, and no other node', () => {
    const start = readme.indexOf('**A send cut off by a crash.**')
    const table = readme.slice(start, readme.indexOf('\n\n', readme.indexOf('| node |', start)))
    const documented = [...table.matchAll(/^\| `([a-z.-]+)` \| ([^|]+?) \|/gm)].map((m) => `${m[1]}: ${m[2]}`)
    const promise = { keyed: 'effectively once (same key)', unkeyed: 'at most once, then a person' }
    const declared = builtinNodes.flatMap((d) =>
      d.sideEffects ? [`${d.type}: ${promise[d.sideEffects]}`] : [],
    )
    expect(documented.sort()).toEqual([...new Set(declared)].sort())
  })

  it('lists every node type the product ships', () => {
    const missing = builtinNodes.map((d) => d.type).filter((type) => !readme.includes(`\`${type}\``))
    expect(missing).toEqual([])
  })

  it('tells a newcomer where to open, how to stop, how to add people and tokens, and where the templates are', () => {
    const setup = readme.slice(0, readme.indexOf('### Settings'))
    for (const step of [
      'open http://localhost:3000',
      'Ctrl+C',
      '设置 → 成员',
      '设置 → API 令牌',
      '新建流程 → 从哪里开始',
    ]) {
      expect(setup).toContain(step)
    }
  })
})
