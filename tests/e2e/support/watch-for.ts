import type { Page } from 'playwright-core'

/** An element that must show: one matching `selector`, with some text if `withText`. */
export interface Sight {
  selector: string
  withText?: boolean
}

type Watched = { zhiliuSeen?: Record<string, boolean> }

/**
 * Watches the page, from now on, for a moment in which every sight shows at once, and remembers under `name` that
 * one came. A state the page keeps for less than Playwright's polling interval (up to 500 ms once it has waited a
 * moment) — a short stream, a replay at 4× — can fall between two polls of `waitFor`; a MutationObserver sees every
 * state the page renders. Call it before the click that starts what is watched for.
 */
export async function watchFor(page: Page, name: string, sights: readonly Sight[]): Promise<void> {
  await page.evaluate(
    ({ name, sights }) => {
      const watched = window as Watched
      watched.zhiliuSeen ??= {}
      const seen = watched.zhiliuSeen
      seen[name] = false
      const shows = ({ selector, withText }: Sight) => {
        const element = document.querySelector(selector)
        return element !== null && (!withText || (element.textContent ?? '').length > 0)
      }
      const observer = new MutationObserver(() => {
        if (!sights.every(shows)) return
        seen[name] = true
        observer.disconnect()
      })
      observer.observe(document.body, {
        subtree: true,
        childList: true,
        attributes: true,
        characterData: true,
      })
    },
    { name, sights },
  )
}

/** Whether what `watchFor` watches for under `name` has shown (so far). */
export function sawIt(page: Page, name: string): Promise<boolean> {
  return page.evaluate((name) => (window as Watched).zhiliuSeen?.[name] === true, name)
}

/** Resolves once what `watchFor` watches for under `name` has shown. */
export async function untilSeen(page: Page, name: string, options: { timeout?: number } = {}): Promise<void> {
  await page.waitForFunction((name) => (window as Watched).zhiliuSeen?.[name] === true, name, options)
}
