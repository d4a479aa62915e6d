import type { Page } from 'playwright-core'
import { expect, vi } from 'vitest'

export const OWNER = { email: 'owner@example.com', password: 'correct horse battery staple' }

/** First start: create the owner on the setup page; later pages sign in with the same account. */
export async function signIn(page: Page, url: string): Promise<void> {
  await page.goto(url)
  await page.getByTestId('auth-email').fill(OWNER.email)
  await page.getByTestId('auth-password').fill(OWNER.password)
  await page.getByTestId('auth-submit').click()
  await page.getByTestId('new-flow').first().waitFor()
}

export async function createBlankFlow(page: Page, name: string): Promise<string> {
  await page.getByTestId('new-flow').first().click()
  await page.getByTestId('new-flow-name').fill(name)
  await page.getByTestId('create-flow').click()
  await page.locator('.react-flow__pane').waitFor()
  const match = /#\/flows\/([^/?]+)/.exec(page.url())
  if (!match?.[1]) throw new Error(`not on an editor page: ${page.url()}`)
  return decodeURIComponent(match[1])
}

/** Drags a palette entry onto the canvas, like a person with a mouse (HTML5 drag and drop). */
export async function dropNode(page: Page, type: string, x: number, y: number): Promise<void> {
  await page
    .getByTestId(`palette-${type}`)
    .dragTo(page.locator('.react-flow__pane'), { targetPosition: { x, y } })
}

/** Drags a wire from a node's output handle to another node's input handle. */
export async function connect(page: Page, from: string, to: string, port = 'out'): Promise<void> {
  await page
    .locator(`[data-testid="node-${from}"] .react-flow__handle.source[data-handleid="${port}"]`)
    .dragTo(page.locator(`[data-testid="node-${to}"] .react-flow__handle.target`).first())
}

/**
 * Selects a node and waits for its settings. A click selects on React's next render, and the canvas refits when the
 * settings panel opens or closes, so a click can land while the node moves (and the panel may already be open for
 * another node): click until this node is the selected one, as a person would.
 */
export async function selectNode(page: Page, id: string): Promise<void> {
  const selected = page.locator(`.react-flow__node.selected[data-id="${id}"]`)
  await vi.waitFor(
    async () => {
      if ((await selected.count()) === 0) await page.getByTestId(`node-${id}`).click()
      expect(await selected.count()).toBe(1)
    },
    { timeout: 30_000, interval: 250 },
  )
  await page.getByTestId('config-panel').waitFor()
}
