import { execFile } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { type FakeOpenAI, startFakeOpenAI } from '@zhiliu/fake-openai'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'

const root = resolve(import.meta.dirname, '../../..')
const bin = join(root, 'packages/cli/bin/zhiliu.mjs')
const article = '杭州今天举行了首届城市马拉松。共有两万名选手参加比赛。组委会表示明年将扩大规模。'
const input = JSON.stringify({ text: article })

/** The environment without any model settings of the machine running the tests. */
function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env = { ...process.env, ...extra }
  for (const key of ['OPENAI_API_KEY', 'OPENAI_BASE_URL', 'ZHILIU_DEFAULT_MODEL'])
    if (!(key in extra)) delete env[key]
  return env
}

function zhiliu(
  env: NodeJS.ProcessEnv,
  ...args: string[]
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile(process.execPath, [bin, ...args], { cwd: root, env }, (err, stdout, stderr) => {
      done({ code: err ? Number(err.code ?? 1) : 0, stdout, stderr })
    })
  })
}

let fake: FakeOpenAI
beforeAll(async () => {
  fake = await startFakeOpenAI()
})
afterAll(() => fake.close())
beforeEach(() => fake.reset())

describe('zhiliu run with AI nodes', () => {
  it('runs the summary example offline on the demo model when no key is set, and says so', async () => {
    const run = await zhiliu(cleanEnv(), 'run', 'examples/ai-summarize.json', '--input', input, '--json')
    expect(run.code, run.stderr).toBe(0)
    const report = JSON.parse(run.stdout)
    expect(report.output.body).toMatchObject({
      model: 'demo-chat',
      summary: expect.stringContaining('杭州今天举行了首届城市马拉松'),
    })
    expect(report.modelUsage).toMatchObject({ calls: 1, cost: { cny: 0, usd: 0 } })
    expect(run.stderr).toMatch(/offline demo model \(演示模型（离线）\) because no OPENAI_API_KEY is set/)
  })

  it('uses the provider configured by OPENAI_BASE_URL, OPENAI_API_KEY and ZHILIU_DEFAULT_MODEL', async () => {
    const env = cleanEnv({
      OPENAI_BASE_URL: fake.url,
      OPENAI_API_KEY: 'sk-fake-key',
      ZHILIU_DEFAULT_MODEL: 'qwen-plus',
    })
    const run = await zhiliu(env, 'run', 'examples/ai-summarize.json', '--input', input)
    expect(run.code, run.stderr).toBe(0)
    expect(run.stdout).toContain('Fake answer: 请用三句话总结下面的文章')
    expect(run.stdout).toMatch(/model calls: 1, tokens: \d+/)
    expect(run.stderr).toBe('')
    expect(fake.requests[0]?.body).toMatchObject({
      model: 'qwen-plus',
      stream: true,
      max_tokens: 400,
      temperature: 0.3,
    })
  })

  it('fails the node, naming provider and reason, when the key is refused', async () => {
    const env = cleanEnv({
      OPENAI_BASE_URL: fake.url,
      OPENAI_API_KEY: 'sk-wrong',
      ZHILIU_DEFAULT_MODEL: 'qwen-plus',
    })
    const run = await zhiliu(env, 'run', 'examples/ai-summarize.json', '--input', input, '--json')
    expect(run.code).toBe(1)
    expect(JSON.parse(run.stdout).error).toMatchObject({ code: 'MODEL_AUTH_FAILED', nodeId: 'summarize' })
  })

  it('--demo forces the demo model even when a provider is configured', async () => {
    const env = cleanEnv({ OPENAI_BASE_URL: fake.url, OPENAI_API_KEY: 'sk-fake-key' })
    const run = await zhiliu(env, 'run', 'examples/ai-summarize.json', '--input', input, '--json', '--demo')
    expect(run.code, run.stderr).toBe(0)
    expect(JSON.parse(run.stdout).output.body.model).toBe('demo-chat')
    expect(fake.requests).toEqual([])
    expect(run.stderr).toContain('because --demo')
  })

  it('explains that a provider credential named in the flow needs the server', async () => {
    const flow = JSON.parse(readFileSync(join(root, 'examples/ai-summarize.json'), 'utf8'))
    flow.nodes[1].config.provider = 'cred_deepseek'
    const file = join(mkdtempSync(join(tmpdir(), 'zhiliu-cli-ai-')), 'flow.json')
    writeFileSync(file, JSON.stringify(flow))
    const run = await zhiliu(cleanEnv(), 'run', file, '--input', input, '--json')
    expect(run.code).toBe(1)
    const { error } = JSON.parse(run.stdout)
    expect(error).toMatchObject({ code: 'PROVIDER_NOT_FOUND' })
    expect(error.message).toContain('cred_deepseek')
  })
})
