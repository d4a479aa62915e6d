import { execFileSync } from 'node:child_process'
import { mkdirSync, readdirSync, rmdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { fileURLToPath } from 'node:url'

export const ROOT = fileURLToPath(new URL('../../../', import.meta.url))
const EDITOR = join(ROOT, 'apps/editor')
const DIST_INDEX = join(EDITOR, 'dist/index.html')
const LOCK = join(EDITOR, 'node_modules/.e2e-build-lock')

function newestMtime(dir: string): number {
  let newest = 0
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs)
  }
  return newest
}

function isStale(): boolean {
  let built: number
  try {
    built = statSync(DIST_INDEX).mtimeMs
  } catch {
    return true
  }
  const sources = [join(EDITOR, 'src'), join(ROOT, 'packages/nodes/src'), join(ROOT, 'packages/engine/src')]
  const inputs = [join(EDITOR, 'index.html'), join(EDITOR, 'vite.config.ts')].map((f) => statSync(f).mtimeMs)
  return Math.max(...inputs, ...sources.map(newestMtime)) > built
}

/**
 * Builds the editor when dist/ is missing or older than its sources, as a person would before `npm start`.
 * Test files run in parallel workers, so a lock directory (mkdir is atomic) lets one build while the others wait.
 */
export async function ensureEditorBuilt(): Promise<void> {
  for (let waited = 0; waited < 120_000; waited += 250) {
    if (!isStale()) return
    try {
      mkdirSync(join(EDITOR, 'node_modules'), { recursive: true })
      mkdirSync(LOCK)
    } catch {
      // A lock left by a run that crashed mid-build would otherwise block every later run.
      const age = Date.now() - (statSync(LOCK, { throwIfNoEntry: false })?.mtimeMs ?? Date.now())
      if (age > 300_000) rmdirSync(LOCK)
      await sleep(250)
      continue
    }
    try {
      if (isStale())
        execFileSync('npx', ['vite', 'build', '--logLevel', 'warn'], {
          cwd: EDITOR,
          stdio: 'inherit',
          // What `npm start` serves: React's production build, not the development one vitest's NODE_ENV gives.
          env: { ...process.env, NODE_ENV: 'production' },
        })
    } finally {
      rmdirSync(LOCK)
    }
    return
  }
  throw new Error('timed out waiting for another test file to build the editor')
}
