import { execFile } from 'node:child_process'
import { join, resolve } from 'node:path'
import { type RunResult, runFlow, validateFlow } from '@zhiliu/engine'
import { describe, expect, it } from 'vitest'
import { createCliModelGateway } from './cli-model-gateway.ts'
import { loadTemplates, type Template } from './templates.ts'

const root = resolve(import.meta.dirname, '../../..')
const bin = join(root, 'packages/cli/bin/zhiliu.mjs')

function zhiliu(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile(process.execPath, [bin, ...args], { cwd: root }, (err, stdout, stderr) => {
      done({ code: err ? Number(err.code ?? 1) : 0, stdout, stderr })
    })
  })
}

const templates = await loadTemplates()
const template = (slug: string): Template => {
  const found = templates.find((t) => t.slug === slug)
  if (!found) throw new Error(`no template ${slug}`)
  return found
}

/** The code path of `zhiliu run --template SLUG --demo`, without the streaming pauses. */
async function runTemplate(slug: string): Promise<RunResult> {
  const found = template(slug)
  const validation = validateFlow(found.flow)
  if (!validation.ok) throw new Error(JSON.stringify(validation.problems))
  const models = createCliModelGateway({ demo: true, env: {}, note: () => {}, demoChunkDelayMs: 0 })
  return runFlow({
    flow: validation.flow,
    event: { body: found.sampleInput, method: 'CLI' },
    signal: new AbortController().signal,
    services: { fetch, models },
  })
}

function body(result: RunResult): Record<string, unknown> {
  expect(result.status, JSON.stringify(result.error)).toBe('succeeded')
  return (result.output as { body: Record<string, unknown> }).body
}

function stepOutput(result: RunResult, nodeId: string): Record<string, unknown> {
  return result.steps.find((s) => s.nodeId === nodeId)?.output as Record<string, unknown>
}

describe('templates', () => {
  it('each has a slug matching its file, titles and descriptions in both languages, and a valid flow', () => {
    expect(templates.map((t) => t.slug)).toEqual([
      'customer-reply',
      'data-report',
      'gov-service-qa',
      'press-release-rewrite',
      'screenplay',
      'topic-plan',
      'training-quiz',
    ])
    for (const template of templates) {
      expect(template.title['zh-CN']).toMatch(/[\u4e00-\u9fff]/)
      expect(template.title.en).toMatch(/^[A-Z]/)
      const validation = validateFlow(template.flow)
      expect(validation.ok, `${template.slug}: ${JSON.stringify(validation)}`).toBe(true)
    }
  })

  it('通稿改写: rewrites into an article with three headlines and a summary, then waits for approval', async () => {
    const result = await runTemplate('press-release-rewrite')
    expect(result.status).toBe('waiting')
    const data = stepOutput(result, 'rewrite').data as {
      headlines: string[]
      article: string
      summary: string
    }
    expect(data.headlines).toHaveLength(3)
    expect(data.article).toContain('9月1日')
    expect(data.summary.length).toBeGreaterThan(10)
    const review = result.steps.find((s) => s.nodeId === 'review')
    expect(review?.status).toBe('waiting')
    const request = stepOutput(result, 'review') as { title: string; assignee: string; content: string }
    expect(request).toMatchObject({ title: data.headlines[0], assignee: '值班编辑' })
    expect(request.content).toContain(data.article)
    // Publishing waits for the reviewer: nothing was published.
    expect(result.steps.map((s) => s.nodeId)).not.toContain('page')
    expect(result.steps.map((s) => s.nodeId)).not.toContain('feed')
  })

  it('客户留言智能回复: classifies the sample complaint and returns an apologetic reply', async () => {
    const reply = body(await runTemplate('customer-reply'))
    expect(reply.category).toBe('complaint')
    expect(reply.label).toBe('投诉（负面）')
    expect(reply.reply).toMatch(/^王先生您好，非常抱歉/)
    expect(reply.reply).toContain('24小时内')
  })

  it('智能选题策划: three topics, each with an angle and sources, in a Markdown plan', async () => {
    const plan = body(await runTemplate('topic-plan'))
    expect(plan.topics).toHaveLength(3)
    const sheet = plan.plan as string
    expect(sheet).toMatch(/^# 选题策划：/)
    expect(sheet.match(/ {3}- 角度：/g)).toHaveLength(3)
    expect(sheet.match(/ {3}- 信源：/g)).toHaveLength(3)
    expect(sheet).toContain('**编辑建议**')
  })

  it('数据分析报告: computes the statistics from the rows and writes a report sorted by reads', async () => {
    const report = body(await runTemplate('data-report'))
    expect(report.stats).toEqual({
      count: 5,
      totalReads: 183500,
      avgReads: 36700,
      top: '松山湖智能公交9月开跑',
    })
    const text = report.report as string
    expect(text).toContain('- 总转发：7830')
    const rows = text.split('\n').filter((l) => /^\| (民生|时政|经济|文旅) /.test(l))
    expect(rows.map((l) => Number(l.split('|')[3]))).toEqual([76000, 42000, 26000, 21000, 18500])
    expect(text).toMatch(/## 点评\n\n本期5篇稿件/)
  })

  it('培训测验: three questions with answers and key points in a quiz sheet', async () => {
    const quiz = body(await runTemplate('training-quiz'))
    expect(quiz.questionCount).toBe(3)
    const sheet = quiz.quiz as string
    expect(sheet).toMatch(/^# 测验：新媒体编辑规范·核实与发布/)
    const [, questions = '', answers = ''] = sheet.split(/## 题目|## 答案与解析/)
    expect(questions.match(/^\d\. /gm)).toHaveLength(3)
    expect(answers.match(/^\d\. [ABC]。/gm)).toHaveLength(3)
  })

  it('影视剧本: a logline, a three-act outline and a numbered scene list in one document', async () => {
    const doc = body(await runTemplate('screenplay'))
    expect(doc.title).toBe('鞋厂新生')
    expect(doc.sceneCount).toBe(5)
    const text = doc.document as string
    expect(text).toMatch(/^# 《鞋厂新生》剧本开发/)
    expect(text).toContain(`## 一句话梗概\n\n${doc.logline}`)
    expect(text.match(/\*\*第[一二三]幕\*\*：/g)).toHaveLength(3)
    expect(text.match(/^\d\. .+，[日夜]：/gm)).toHaveLength(5)
  })

  it('政务服务问答: classifies the question, drafts an answer from the policy text and waits for approval', async () => {
    const result = await runTemplate('gov-service-qa')
    expect(result.status).toBe('waiting')
    expect(stepOutput(result, 'area')).toMatchObject({ category: 'residence', label: '户籍与居住证' })
    const draft = stepOutput(result, 'draft').text as string
    // Every condition, document, channel and time limit in the answer comes from the supplied policy text.
    for (const fact of ['居住半年以上', '近期免冠照片', '粤省事', '15个工作日']) {
      expect(template('gov-service-qa').sampleInput.policy).toContain(fact)
      expect(draft).toContain(fact)
    }
    expect(stepOutput(result, 'review')).toMatchObject({
      title: '户籍与居住证：陈女士的咨询',
      content: draft,
    })
    expect(result.steps.map((s) => s.nodeId)).not.toContain('reply')
  })
})

describe('zhiliu templates', () => {
  it('prints [{slug,title,description}] in the chosen language with --json', async () => {
    const zh = await zhiliu('templates', '--json', '--lang', 'zh-CN')
    expect(zh.code).toBe(0)
    const list = JSON.parse(zh.stdout)
    expect(list).toHaveLength(templates.length)
    expect(Object.keys(list[0])).toEqual(['slug', 'title', 'description'])
    expect(list.find((t: { slug: string }) => t.slug === 'press-release-rewrite').title).toBe('通稿改写')
    const en = JSON.parse((await zhiliu('templates', '--json', '--lang', 'en')).stdout)
    expect(en.find((t: { slug: string }) => t.slug === 'press-release-rewrite').title).toBe(
      'Press release rewrite',
    )
  })

  it('prints a table', async () => {
    const run = await zhiliu('templates', '--lang', 'zh-CN')
    expect(run.code).toBe(0)
    expect(run.stdout).toMatch(/^slug\s+title/)
    expect(run.stdout).toMatch(/customer-reply\s+客户留言智能回复/)
  })
})

describe('zhiliu run --template', () => {
  it('runs a template with its sample input on the demo model', async () => {
    const run = await zhiliu('run', '--template', 'customer-reply', '--demo', '--json')
    expect(run.code).toBe(0)
    const report = JSON.parse(run.stdout)
    expect(report.status).toBe('succeeded')
    expect(report.output.body.category).toBe('complaint')
  }, 30_000)

  it('reports a run stopped at an approval as waiting, with exit code 0', async () => {
    const run = await zhiliu('run', '--template', 'press-release-rewrite', '--demo', '--json')
    expect(run.code).toBe(0)
    const report = JSON.parse(run.stdout)
    expect(report.status).toBe('waiting')
    expect(report.steps.at(-1)).toMatchObject({ nodeId: 'review', status: 'waiting' })
  }, 30_000)

  it('takes --input instead of the sample input', async () => {
    const input = JSON.stringify({
      name: '李女士',
      message: '请问周末的营业时间是几点？会员卡的办理方式是什么？',
    })
    const run = await zhiliu('run', '--template', 'customer-reply', '--demo', '--json', '--input', input)
    expect(run.code).toBe(0)
    const reply = JSON.parse(run.stdout).output.body
    expect(reply.category).toBe('inquiry')
    expect(reply.reply).toMatch(/^您好，感谢您的留言/)
  }, 30_000)

  it('names the templates when the slug is unknown', async () => {
    const run = await zhiliu('run', '--template', 'nope', '--demo')
    expect(run.code).not.toBe(0)
    expect(run.stderr).toContain('no template "nope"')
    expect(run.stderr).toContain('press-release-rewrite')
  })
})
