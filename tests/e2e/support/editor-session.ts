import type { Browser, Page } from 'playwright-core'
import { launchBrowser, openPage } from './browser.ts'
import { signIn } from './editor-actions.ts'
import { ensureEditorBuilt } from './ensure-editor-built.ts'
import { type RunningServer, startServer } from './start-server.ts'

export interface EditorSession {
  server: RunningServer
  browser: Browser
  page: Page
  /** Page errors so far; a test ends with `expect(errors).toEqual([])`. */
  errors: string[]
}

/** A built editor, served by a fresh real server, and a browser to open it in. */
export async function startEditor(
  env: Record<string, string> = {},
): Promise<Pick<EditorSession, 'server' | 'browser'>> {
  await ensureEditorBuilt()
  const [server, browser] = await Promise.all([startServer(env), launchBrowser()])
  return { server, browser }
}

/** Where most e2e files start: a Chinese page signed in as the owner. */
export async function openSignedInEditor(env: Record<string, string> = {}): Promise<EditorSession> {
  const editor = await startEditor(env)
  try {
    const { page, errors } = await openPage(editor.browser, 'zh-CN')
    await signIn(page, editor.server.url)
    return { ...editor, page, errors }
  } catch (error) {
    // The caller never gets the session, so its afterAll could not stop the server.
    await closeEditor(editor)
    throw error
  }
}

/** Safe to call with what a failed setup left behind. */
export async function closeEditor(editor: Partial<Pick<EditorSession, 'server' | 'browser'>> | undefined) {
  await editor?.browser?.close()
  await editor?.server?.stop()
}
