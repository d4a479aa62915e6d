import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core'
import { ROOT } from './ensure-editor-built.ts'

export const ARTIFACTS = join(ROOT, 'artifacts/e2e')

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  })
}

/** A projector-sized page (1280×720) in the given browser language, failing the test on any page error or CSP refusal. */
export async function openPage(
  browser: Browser,
  locale: 'zh-CN' | 'en-US',
): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 }, locale })
  const page = await context.newPage()
  const errors: string[] = []
  page.on('pageerror', (e) => errors.push(e.message))
  // The editor runs under a strict Content-Security-Policy; anything it refuses is a bug in the editor or the policy.
  // Chrome logs some refusals to the console and only reports others (an eval caught by the code that tried it).
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) =>
      console.error(
        `Content Security Policy refused ${e.violatedDirective}: ${e.blockedURI} (${e.sourceFile})`,
      ),
    )
  })
  page.on('console', (m) => {
    if (m.type() === 'error' && /Content Security Policy/i.test(m.text())) errors.push(m.text())
  })
  return { context, page, errors }
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true })
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`) })
}
