import { execFile } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { describe, expect, it } from 'vitest'

const root = resolve(import.meta.dirname, '../../..')
const bin = join(root, 'packages/cli/bin/zhiliu.mjs')

function zhiliu(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile(process.execPath, [bin, ...args], { cwd: root }, (err, stdout, stderr) => {
      done({ code: err ? Number(err.code ?? 1) : 0, stdout, stderr })
    })
  })
}

const tmp = mkdtempSync(join(tmpdir(), 'zhiliu-cli-'))
function file(name: string, text: string): string {
  const path = join(tmp, name)
  writeFileSync(path, text)
  return path
}

describe('zhiliu run', () => {
  it('takes the branch the input selects and reports each node, the skipped branch included', async () => {
    const failed = await zhiliu(
      'run',
      'examples/branch-merge.json',
      '--input',
      '{"name":"韩梅梅","score":41}',
      '--json',
    )
    expect(failed.code).toBe(0)
    const report = JSON.parse(failed.stdout)
    expect(report.status).toBe('succeeded')
    expect(report.output.body.notice).toBe('韩梅梅 本次 41 分，下次加油，补考时间另行通知。')
    const statuses = Object.fromEntries(
      report.steps.map((s: { nodeId: string; status: string }) => [s.nodeId, s.status]),
    )
    expect(statuses).toMatchObject({ congrats: 'skipped', encourage: 'succeeded', merge: 'succeeded' })
    for (const step of report.steps) expect(step.durationMs).toBeGreaterThanOrEqual(0)
  })

  it('prints a per-node table and then the output', async () => {
    const run = await zhiliu('run', 'examples/for-each.json', '--input', '{"headlines":"甲\\n乙"}')
    expect(run.code).toBe(0)
    expect(run.stdout).toMatch(/^node\s+status\s+ms/)
    expect(run.stdout).toMatch(/loop\[1\]\.format\s+succeeded/)
    expect(run.stdout).toContain('"text": "1/2：甲\\n2/2：乙"')
  })

  it('exits 1 and names the failing node when a run fails', async () => {
    const run = await zhiliu(
      'run',
      'examples/branch-merge.json',
      '--input',
      '{"name":"x","score":"high"}',
      '--json',
    )
    expect(run.code).toBe(1)
    const report = JSON.parse(run.stdout)
    expect(report.status).toBe('failed')
    expect(report.error).toMatchObject({ code: 'INPUT_INVALID', nodeId: 'start' })
    expect(report.steps[0]).toMatchObject({ nodeId: 'start', status: 'failed' })
  })

  it('calls an HTTP API and maps its answer', async () => {
    const server = createServer((req, res) => {
      res.setHeader('content-type', 'application/json')
      res.end(JSON.stringify({ path: req.url, items: [{ title: '新闻一' }, { title: '新闻二' }] }))
    })
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
    const { port } = server.address() as AddressInfo
    try {
      const url = `http://127.0.0.1:${port}/news`
      const run = await zhiliu(
        'run',
        'examples/http-request.json',
        '--input',
        JSON.stringify({ url }),
        '--json',
      )
      expect(run.code).toBe(0)
      expect(JSON.parse(run.stdout).output.result).toEqual({
        count: 2,
        titles: ['新闻一', '新闻二'],
        top: '新闻一',
      })
    } finally {
      server.close()
    }
  })

  it('writes the images and audio AI nodes make into <--out>/media and reports file:// URLs', async () => {
    const step = (id: string, type: string, config: object) => ({ id, type, version: 1, config })
    const flow = {
      schemaVersion: 1,
      name: 'media',
      nodes: [
        step('start', 'trigger.manual', {}),
        step('draw', 'ai.image', { prompt: '{{ trigger.body.text }}', size: '64x64' }),
        step('speak', 'ai.speech', { input: '{{ trigger.body.text }}' }),
        step('hear', 'ai.transcribe', { audio: '{{ nodes.speak.audio }}' }),
      ],
      edges: [
        { id: 'e1', source: 'start', target: 'draw' },
        { id: 'e2', source: 'draw', target: 'speak' },
        { id: 'e3', source: 'speak', target: 'hear' },
      ],
    }
    const out = join(tmp, 'out')
    const input = JSON.stringify({ text: '早上好' })
    const run = await zhiliu(
      'run',
      file('media.json', JSON.stringify(flow)),
      '--demo',
      '--json',
      '--input',
      input,
      '--out',
      out,
    )
    expect(run.code).toBe(0)
    const steps = Object.fromEntries(
      JSON.parse(run.stdout).steps.map((s: { nodeId: string; output: unknown }) => [s.nodeId, s.output]),
    )
    const image = steps.draw.images[0]
    expect(image.url).toBe(pathToFileURL(join(out, 'media', image.id)).href)
    expect(readFileSync(fileURLToPath(image.url)).subarray(1, 4).toString()).toBe('PNG')
    expect(steps.speak.audio).toMatchObject({
      mimeType: 'audio/wav',
      url: expect.stringMatching(/^file:.*\.wav$/),
    })
    expect(steps.hear.text).toBe('早上好')
  })

  it('answers a file that is not JSON with one line and exit code 2, not a stack trace', async () => {
    const run = await zhiliu('run', file('broken.json', '{"nodes": ['))
    expect(run.code).toBe(2)
    expect(run.stderr.trim().split('\n')).toHaveLength(1)
    expect(run.stderr).toMatch(/^zhiliu: flow file .*broken\.json is not valid JSON/)
  })

  it('answers bad --input JSON and a missing file the same way', async () => {
    const badInput = await zhiliu('run', 'examples/branch-merge.json', '--input', '{oops')
    expect(badInput.code).toBe(2)
    expect(badInput.stderr).toMatch(/^zhiliu: --input is not valid JSON/)
    const missing = await zhiliu('run', join(tmp, 'nope.json'))
    expect(missing.code).toBe(2)
    expect(missing.stderr).toContain('no such file')
  })
})

describe('zhiliu validate', () => {
  it('accepts the examples', async () => {
    for (const example of ['branch-merge', 'for-each', 'http-request']) {
      const result = await zhiliu('validate', `examples/${example}.json`)
      expect(result.code, result.stderr).toBe(0)
    }
  })

  it('exits 1 with a readable list naming each node and field', async () => {
    const flow = {
      schemaVersion: 1,
      name: 'broken',
      nodes: [
        { id: 'start', type: 'trigger.manual', version: 1 },
        { id: 'greet', type: 'text.template', version: 1, config: { template: '{{ nodes.ghost.text }}' } },
        { id: 'odd', type: 'no.such', version: 1 },
      ],
      edges: [{ id: 'e1', source: 'start', target: 'greet' }],
    }
    const result = await zhiliu('validate', file('problems.json', JSON.stringify(flow)), '--lang', 'en')
    expect(result.code).toBe(1)
    expect(result.stderr).toContain('has 2 problems')
    expect(result.stderr).toMatch(/node "greet" \(config\.template\): .*ghost/)
    expect(result.stderr).toMatch(/node "odd" \(type\): .*no\.such/)
  })

  it('reports an expression that does not parse, with its node, field and place, in every language', async () => {
    const flow = {
      schemaVersion: 1,
      name: 'broken transform',
      nodes: [
        { id: 'start', type: 'trigger.manual', version: 1 },
        { id: 'shape', type: 'data.transform', version: 1, config: { expression: '$uppercase(' } },
      ],
      edges: [{ id: 'e1', source: 'start', target: 'shape' }],
    }
    const path = file('expression.json', JSON.stringify(flow))
    const en = await zhiliu('validate', path, '--lang', 'en')
    expect(en.code).toBe(1)
    expect(en.stderr).toMatch(
      /node "shape" \(config\.expression\): The expression has a mistake at line 1, column 11: /,
    )
    const json = JSON.parse((await zhiliu('validate', path, '--json')).stdout)
    expect(json.problems).toEqual([
      expect.objectContaining({
        code: 'EXPRESSION_SYNTAX',
        nodeId: 'shape',
        localized: expect.objectContaining({ 'zh-CN': expect.stringContaining('第 1 行第 11 列') }),
        details: expect.objectContaining({ jsonataCode: 'S0203', line: 1, column: 11 }),
      }),
    ])
  }, 60_000) // two CLI processes, each loading TypeScript sources
})
