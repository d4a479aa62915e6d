import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { problemTexts } from '@zhiliu/engine'
import { describe, expect, it } from 'vitest'
import { en } from '../../apps/editor/src/i18n/en.ts'
import { zhCN } from '../../apps/editor/src/i18n/zh-cn.ts'
import { MIN_PASSWORD_LENGTH } from '../../apps/server/src/security/password.ts'

const ROOT = new URL('../../', import.meta.url).pathname
// Where the failures a run records come from: nodes, models, the engine, the publishing documents, the server.
const SOURCES = [
  'packages/nodes/src',
  'packages/models/src',
  'packages/engine/src',
  'packages/documents/src',
  'apps/server/src',
]
const THROWN =
  /(?:NodeError|ExpressionError|ZhiliuError|ApiError)\(\s*'([A-Z][A-Z0-9_]+)'|\bcode: '([A-Z][A-Z0-9_]+)'/g

function sourceFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true, recursive: true })
    .filter((f) => f.isFile() && f.name.endsWith('.ts') && !f.name.endsWith('.test.ts'))
    .map((f) => join(f.parentPath, f.name))
    .filter((path) => !path.includes('/test-support/'))
}

describe('what a person reads in the editor', () => {
  it('has a sentence in Chinese and English for every error code the product can answer or record', () => {
    const codes = new Set<string>()
    for (const dir of SOURCES) {
      for (const file of sourceFiles(dir)) {
        for (const m of readFileSync(file, 'utf8').matchAll(THROWN)) codes.add((m[1] ?? m[2]) as string)
      }
    }
    // Validation problems carry their own texts in both languages (problem-texts.ts).
    const untranslated = [...codes].filter(
      (code) => !(code in problemTexts) && !(code in zhCN.errors.code && code in en.errors.code),
    )
    expect(codes.size).toBeGreaterThan(50)
    expect(untranslated.sort()).toEqual([])
  })

  it('states the password rule the server applies, on the setup form and when it refuses one', () => {
    for (const text of [
      zhCN.auth.passwordRule,
      en.auth.passwordRule,
      zhCN.errors.code.PASSWORD_WEAK,
      en.errors.code.PASSWORD_WEAK,
    ]) {
      expect(text).toContain(`${MIN_PASSWORD_LENGTH} `)
    }
  })
})
