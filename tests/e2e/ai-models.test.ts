import { type FakeOpenAI, startFakeOpenAI } from '@zhiliu/fake-openai'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { screenshot } from './support/browser.ts'
import { demoSummaryFlow } from './support/demo-summary-flow.ts'
import { selectNode } from './support/editor-actions.ts'
import { closeEditor, type EditorSession, openSignedInEditor } from './support/editor-session.ts'
import type { RunningServer } from './support/start-server.ts'

let editor: EditorSession
let server: RunningServer
let page: Page
/** The imported AI flow's address, for a second run. */
let flowUrl = ''
let errors: string[]
/** A model provider on this machine, standing in for DeepSeek & co. in a classroom without internet. */
let fake: FakeOpenAI

const FAKE_KEY = 'sk-fake-key'

const summary = demoSummaryFlow('AI 摘要')

beforeAll(async () => {
  ;[editor, fake] = await Promise.all([
    openSignedInEditor(),
    startFakeOpenAI({ models: ['fake-chat', 'fake-large'], apiKey: FAKE_KEY }),
  ])
  ;({ server, page, errors } = editor)
}, 180_000)

afterAll(async () => {
  await closeEditor(editor)
  await fake?.close()
})

describe('AI model providers and streamed answers', () => {
  it('adds a provider in the settings, tests its connection with plain messages, and saves it', async () => {
    await page.goto(`${server.url}/#/settings`)
    await expect(page.getByTestId('provider-default').textContent()).resolves.toContain('演示模型（离线）')
    await page.getByTestId('provider-new').click()
    await page.getByTestId('provider-preset').selectOption('custom')
    await page.getByTestId('provider-base-url').fill(fake.url)
    await page.getByTestId('provider-api-key').fill('sk-wrong')
    await page.getByTestId('provider-model').fill('fake-chat')

    // A wrong key is refused by the provider, and the dialog says so in plain words.
    await page.getByTestId('provider-test').click()
    const result = page.getByTestId('connection-result')
    await expect(result.textContent()).resolves.toContain('API 密钥不对')
    await expect(result.getAttribute('data-ok')).resolves.toBe('false')

    await page.getByTestId('provider-api-key').fill(FAKE_KEY)
    await page.getByTestId('provider-test').click()
    await page.locator('[data-testid="connection-result"][data-ok="true"]').waitFor()
    await expect(result.textContent()).resolves.toContain('连接成功，这个服务提供 2 个模型')
    await page.getByTestId('provider-name').fill('课堂模型')
    await screenshot(page, 'model-provider-test')

    await page.getByTestId('provider-save').click()
    const list = page.getByTestId('provider-list')
    await list.getByText('课堂模型').waitFor()
    // The key never comes back: the list shows a masked hint only.
    await expect(list.textContent()).resolves.not.toContain(FAKE_KEY)

    // The credentials page lists it by name and by the type's label, not the API's type name.
    await page.goto(`${server.url}/#/credentials`)
    const row = page.locator('tr', { hasText: '课堂模型' })
    await expect(row.locator('td').nth(1).textContent()).resolves.toBe('大模型服务')
  })

  it('streams the answer into the node panel while the run is in progress', async () => {
    await page.goto(`${server.url}/#/flows`)
    await page.getByTestId('import-file').setInputFiles({
      name: 'summary.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(summary)),
    })
    await page.getByTestId('node-chat').waitFor()
    await selectNode(page, 'chat')

    // The provider field offers the provider just added, and names the default it falls back on, once the form has
    // loaded the list of providers (it says 加载中… until then, and the model suggestions are not there yet).
    const provider = page.getByTestId('input-provider')
    await expect
      .poll(() => provider.locator('option').allTextContents())
      .toEqual(['默认服务（演示模型（离线））', '课堂模型'])

    // The model field offers the chosen provider's models: the demo model's by default, the added one's once picked.
    const suggestions = page.getByTestId('suggestions-model')
    await expect
      .poll(() => suggestions.getByRole('button').allTextContents())
      .toEqual(['demo-chat', 'demo-reasoner'])
    await provider.selectOption({ label: '课堂模型' })
    await suggestions.getByRole('button', { name: 'fake-chat' }).click()
    await expect(page.getByTestId('input-model').inputValue()).resolves.toBe('fake-chat')
    await screenshot(page, 'ai-model-suggestions')
    // Back to the default provider and its default model for the streamed run below.
    await provider.selectOption('')
    await suggestions.getByRole('button', { name: 'demo-chat' }).click()
    await expect(page.getByTestId('input-model').inputValue()).resolves.toBe('demo-chat')

    await page.getByTestId('tab-run').click()
    await page.getByTestId('open-run').click()
    await page.getByTestId('run-submit').click()

    // Read the streamed text twice while the node is still running: it must have grown in between.
    const streamedPast = async (shorter: number) => {
      const handle = await page.waitForFunction((length) => {
        const status = document.querySelector('[data-testid="node-chat"]')?.getAttribute('data-status')
        const text = document.querySelector('.inspect__stream')?.textContent ?? ''
        return status === 'running' && text.length > length ? text : undefined
      }, shorter)
      return String(await handle.jsonValue())
    }
    const first = await streamedPast(0)
    const later = await streamedPast(first.length + 10)
    await screenshot(page, 'ai-streaming')
    expect(later.startsWith(first)).toBe(true)

    await page.locator('[data-testid="run-bar"][data-status="succeeded"]').waitFor({ timeout: 15_000 })
    // The output shows the same text formatted (Markdown rendered): compare the words, not the markup.
    const words = (text: string | null) => (text ?? '').replace(/[\s*#>`-]/g, '')
    const output = await page.getByTestId('node-output').textContent()
    expect(words(output)).toContain(words(later))
    expect(output).toContain('这段内容的要点是')
    // The run bar sums what the models used; the demo model is free.
    const usage = page.getByTestId('run-usage')
    await expect(usage.textContent()).resolves.toMatch(/^模型用量 [\d,]+ token（输入 [\d,]+，输出 [\d,]+）/)
    await expect(usage.textContent()).resolves.toContain('费用约 ¥0（$0）')
    flowUrl = page.url()
    expect(errors).toEqual([])
  })

  it('lets the owner price a model in the settings, and the next run shows what it cost', async () => {
    await page.goto(`${server.url}/#/settings`)
    const prices = page.getByTestId('model-prices')
    // Image models billed by the picture show that price under their token prices.
    await expect(
      prices.locator('tr[data-model="doubao-seedream-3-0-t2i-250415"]').textContent(),
    ).resolves.toContain('每张图片 ¥0.259')
    const row = prices.locator('tr[data-model="demo-chat"]')
    await expect(row.textContent()).resolves.not.toContain('已修改')
    await row.getByRole('button', { name: '修改' }).click()
    const editor = prices.getByTestId('price-editor')
    // Half a price is refused on the page, before anything is sent.
    await editor.getByTestId('price-cny-input').fill('10000')
    await editor.getByTestId('price-cny-output').fill('')
    await editor.getByRole('button', { name: '保存' }).click()
    await expect(prices.getByRole('alert').textContent()).resolves.toBe(
      '同一种货币的输入和输出价格要一起填写。',
    )
    await screenshot(page, 'model-price-editor')
    // In yuan only: the dollar price is converted.
    await editor.getByTestId('price-cny-output').fill('20000')
    await editor.getByRole('button', { name: '保存' }).click()
    await row.getByText('已修改').waitFor()
    await expect(row.locator('td').nth(2).textContent()).resolves.toBe('$1,388.8889 / $2,777.7778')
    await screenshot(page, 'model-prices')

    await page.goto(flowUrl)
    await selectNode(page, 'chat')
    await page.getByTestId('tab-run').click()
    await page.getByTestId('open-run').click()
    await page.getByTestId('run-submit').click()
    await page.locator('[data-testid="run-bar"][data-status="succeeded"]').waitFor({ timeout: 15_000 })
    const usage = page.getByTestId('run-usage')
    await usage.waitFor()
    const text = (await usage.textContent()) ?? ''
    const [, prompt = '', completion = ''] = /输入 ([\d,]+)，输出 ([\d,]+)/.exec(text) ?? []
    const tokens = (s: string) => Number(s.replaceAll(',', ''))
    const cny = (tokens(prompt) * 10_000 + tokens(completion) * 20_000) / 1e6
    expect(text).toContain(
      `费用约 ¥${new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 2, minimumFractionDigits: 2 }).format(cny)}`,
    )
    await screenshot(page, 'run-usage')

    // Back to the built-in price, for whoever runs next.
    await page.goto(`${server.url}/#/settings`)
    page.once('dialog', (dialog) => void dialog.accept())
    await row.getByRole('button', { name: '恢复内置' }).click()
    await row.getByText('已修改').waitFor({ state: 'detached' })
    expect(errors).toEqual([])
  })
})
