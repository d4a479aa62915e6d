import { execFile } from 'node:child_process'
import { mkdtemp, readFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { type RunResult, runFlow, validateFlow } from '@zhiliu/engine'
import { describe, expect, it } from 'vitest'
import { createCliMediaStore } from './cli-media-store.ts'
import { createCliModelGateway } from './cli-model-gateway.ts'
import { createLocalPublisher } from './create-local-publisher.ts'
import { createSampleKnowledge } from './sample-knowledge.ts'
import { createTemplateFlows } from './template-flows.ts'
import { loadTemplates, type Template } from './templates.ts'

const root = resolve(import.meta.dirname, '../../..')
const bin = join(root, 'packages/cli/bin/zhiliu.mjs')

function zhiliu(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    // The demo model answers at once here; its reading pace is for people, and the outputs are the same.
    const env = { ...process.env, ZHILIU_DEMO_PACE_MS: '0' }
    execFile(process.execPath, [bin, ...args], { cwd: root, env }, (err, stdout, stderr) => {
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

/** Where the last `runTemplate` saved its files, pages and media, as `zhiliu run --out` would. */
let outDir = ''

/** The code path of `zhiliu run --template SLUG --demo`, without the streaming pauses. */
async function runTemplate(slug: string): Promise<RunResult> {
  outDir = await mkdtemp(join(tmpdir(), `zhiliu-template-${slug}-`))
  const found = template(slug)
  const validation = validateFlow(found.flow, { unchosenCredentials: 'warning' })
  if (!validation.ok) throw new Error(JSON.stringify(validation.problems))
  const models = createCliModelGateway({ demo: true, env: {}, note: () => {}, demoChunkDelayMs: 0 })
  const services = {
    fetch,
    models,
    publish: createLocalPublisher(outDir),
    media: createCliMediaStore(join(outDir, 'media')),
    knowledge: createSampleKnowledge(),
  }
  return runFlow({
    flow: validation.flow,
    event: { body: found.sampleInput, method: 'CLI' },
    signal: new AbortController().signal,
    services: { ...services, flows: createTemplateFlows(() => services) },
  })
}

function body(result: RunResult): Record<string, unknown> {
  expect(result.status, JSON.stringify(result.error)).toBe('succeeded')
  return (result.output as { body: Record<string, unknown> }).body
}

interface FlowDocument {
  nodes: { id: string; type: string }[]
  edges: { source: string; sourcePort?: string; target: string }[]
}

/** The nodes that run only after some approval's `approved` port. */
function afterApproval(flow: FlowDocument): Set<string> {
  const approvals = new Set(flow.nodes.filter((n) => n.type === 'flow.approval').map((n) => n.id))
  const next = flow.edges.filter((e) => approvals.has(e.source) && e.sourcePort === 'approved')
  const reached = new Set<string>()
  for (let edge = next.shift(); edge; edge = next.shift()) {
    if (reached.has(edge.target)) continue
    reached.add(edge.target)
    next.push(...flow.edges.filter((e) => e.source === edge?.target))
  }
  return reached
}

interface Shot {
  number: number
  seconds: number
  start: number
  end: number
  voiceOver: string
  onScreenText: string
}

/** The cells of a Markdown table row, split at the pipes that are not escaped. */
function tableCells(line: string): string[] {
  return line.replace(/^\|\s*|\s*\|$/g, '').split(/\s*(?<!\\)\|\s*/)
}

function stepOutput(result: RunResult, nodeId: string): Record<string, unknown> {
  return result.steps.find((s) => s.nodeId === nodeId)?.output as Record<string, unknown>
}

describe('templates', () => {
  it('each has a slug matching its file, titles and descriptions in both languages, and a valid flow', () => {
    expect(templates.map((t) => t.slug)).toEqual([
      'customer-reply',
      'data-report',
      'faq-lookup',
      'gov-service-qa',
      'multi-platform',
      'order-status',
      'press-release-rewrite',
      'product-marketing',
      'property-notice',
      'reader-qa',
      'screenplay',
      'short-video-storyboard',
      'smart-customer-service',
      'topic-plan',
      'training-quiz',
    ])
    for (const template of templates) {
      expect(template.title['zh-CN']).toMatch(/[\u4e00-\u9fff]/)
      expect(template.title.en).toMatch(/^[A-Z]/)
      const validation = validateFlow(template.flow, { unchosenCredentials: 'warning' })
      expect(validation.ok, `${template.slug}: ${JSON.stringify(validation)}`).toBe(true)
    }
  })

  it('leave the credential of a send step to the user, and put a human approval before every such step', () => {
    const sending: string[] = []
    for (const template of templates) {
      const validation = validateFlow(template.flow)
      const errors = validation.problems.filter((p) => p.severity === 'error')
      // Credentials belong to an installation: the only thing left to fill in after importing is which one to use.
      expect(errors.map((p) => p.code).filter((c) => c !== 'CREDENTIAL_NOT_CHOSEN')).toEqual([])
      if (errors.length === 0) continue
      sending.push(template.slug)
      const approved = afterApproval(template.flow as unknown as FlowDocument)
      for (const p of errors) expect(approved, `${template.slug}: ${p.nodeId}`).toContain(p.nodeId)
    }
    expect(sending).toEqual(['multi-platform', 'product-marketing', 'property-notice'])
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

  it('智能客服: the demo agent calls the order-status and FAQ flows and answers from both', async () => {
    const result = await runTemplate('smart-customer-service')
    const reply = String(body(result).reply)
    const agent = result.steps.find((s) => s.nodeId === 'agent')?.output as {
      steps: { toolCalls: { name: string; result?: unknown }[] }[]
    }
    // The plumbing, not the script's words: both tool flows ran, and their results reached the answer.
    const called = agent.steps[0]?.toolCalls ?? []
    expect(called.map((c) => c.result)).toEqual([
      expect.objectContaining({ orderId: '20240815001', status: '已发货' }),
      expect.objectContaining({ answer: expect.stringContaining('7 天') }),
    ])
    expect(reply).toContain('已发货')
    expect(reply).toContain('7 天')
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
    // The report is also a page: the same text, rendered and sanitised, with the period in its title.
    const page = await readFile(fileURLToPath(report.url as string), 'utf8')
    expect(page).toContain('<h1>传播数据报告（2025年第35周）</h1>')
    expect(page).toContain('<td>松山湖智能公交9月开跑</td>')
    expect(page).toContain('<h2>点评</h2>')
  })

  it('培训测验: three questions with answers and key points in a quiz sheet', async () => {
    const quiz = body(await runTemplate('training-quiz'))
    expect(quiz.questionCount).toBe(3)
    const sheet = quiz.quiz as string
    expect(sheet).toMatch(/^# 测验：新媒体编辑规范·核实与发布/)
    const [, questions = '', answers = ''] = sheet.split(/## 题目|## 答案与解析/)
    expect(questions.match(/^\d\. /gm)).toHaveLength(3)
    expect(answers.match(/^\d\. [ABC]。/gm)).toHaveLength(3)
    // Saved as a page to hand out: the questions and the answers both made it into the HTML file.
    expect(quiz.file).toBe('培训测验/新媒体编辑规范·核实与发布.html')
    const html = await readFile(join(outDir, 'files', quiz.file as string), 'utf8')
    expect(html).toContain('<h2>题目</h2>')
    expect(html).toContain('<h2>答案与解析</h2>')
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
    expect(doc.file).toBe('剧本开发/鞋厂新生.md')
    expect(await readFile(join(outDir, 'files', '剧本开发/鞋厂新生.md'), 'utf8')).toBe(text)
  })

  it("短视频分镜: shots that keep the article's facts, a storyboard table, a portrait cover and a saved file", async () => {
    const result = await runTemplate('short-video-storyboard')
    const out = body(result)
    const shots = out.shots as Shot[]
    expect(out.title).toBe('32支龙舟队竞渡松山湖，首设企业组')
    expect(out.shotCount).toBe(7)
    expect(shots.map((s) => s.number)).toEqual([1, 2, 3, 4, 5, 6, 7])
    // Every name, number and date the voice-over states comes from the article.
    const article = String(template('short-video-storyboard').sampleInput.article)
    const voiceOver = shots.map((s) => s.voiceOver).join('')
    for (const fact of [
      '6月1日',
      '32支',
      '1200名',
      '500米',
      '12家',
      '8条',
      '三成',
      '2分08秒',
      '松湖智造队',
      '3万名',
    ]) {
      expect(article).toContain(fact)
      expect(voiceOver).toContain(fact)
    }
    // The total is the sum of the shots, and each shot starts where the one before it ended.
    const total = shots.reduce((sum, s) => sum + s.seconds, 0)
    expect(out.totalSeconds).toBe(total)
    expect(total).toBeGreaterThanOrEqual(45)
    expect(total).toBeLessThanOrEqual(60)
    expect(shots.map((s) => s.start)).toEqual([0, ...shots.slice(0, -1).map((s) => s.end)])

    const doc = out.storyboard as string
    const [header, rule, ...rows] = doc
      .split('\n')
      .filter((line) => line.startsWith('|'))
      .map(tableCells)
    expect(header).toEqual([
      '镜号',
      '时间',
      '时长（秒）',
      '景别',
      '运镜',
      '画面',
      '口播',
      '屏幕文字',
      '画面提示词',
    ])
    expect(rule).toEqual(Array(9).fill('---'))
    expect(rows).toHaveLength(shots.length)
    for (const [i, shot] of shots.entries()) {
      const row = rows[i] ?? []
      expect(row).toHaveLength(9)
      expect(
        row.every((cell) => cell !== ''),
        `shot ${shot.number}`,
      ).toBe(true)
      expect(row[0]).toBe(String(shot.number))
      expect(Number(row[2])).toBe(shot.seconds)
      expect(row[6]).toBe(shot.voiceOver)
      // A | in a cell is escaped, so it stays inside its column.
      expect(row[7]?.replaceAll('\\|', '|')).toBe(shot.onScreenText)
    }
    expect(shots.some((s) => s.onScreenText.includes('|'))).toBe(true)
    expect(rows.at(-1)?.[1]).toBe('00:48–00:55')

    // The cover is a real portrait PNG in the media folder, as `zhiliu run` would leave it.
    const cover = fileURLToPath(out.cover as string)
    expect(dirname(cover)).toBe(join(outDir, 'media'))
    const png = await readFile(cover)
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
    expect(png.toString('ascii', 12, 16)).toBe('IHDR')
    expect(png.readUInt32BE(16)).toBeLessThan(png.readUInt32BE(20))

    expect(out.file).toBe('短视频分镜/32支龙舟队竞渡松山湖，首设企业组.md')
    const saved = await readFile(join(outDir, 'files', out.file as string), 'utf8')
    expect(saved).toBe(doc)
    expect(saved).toMatch(/^# 《32支龙舟队竞渡松山湖，首设企业组》短视频分镜\n/)
    expect(saved).toContain(`![封面](${out.cover})`)
    expect(saved).toContain('**镜头**：7 个　**总时长**：55 秒')
  })

  it('读者互动: answers the sample question from its sample articles, citing the article the facts come from', async () => {
    const result = await runTemplate('reader-qa')
    expect(result.status).toBe('succeeded')
    const answer = stepOutput(result, 'answer').text as string
    expect(answer).toContain('[1]')
    const chunks = stepOutput(result, 'articles').chunks as { text: string; document: { name: string } }[]
    expect(chunks[0]?.document.name).toBe('市图书馆新馆5月1日开放.md')
    // Every fact in the answer is in the cited article.
    const cited = chunks.filter((c) => c.document.name === '市图书馆新馆5月1日开放.md').map((c) => c.text)
    for (const fact of ['5月1日', '周一闭馆', '9:00至21:00', '社保卡']) {
      expect(cited.join('\n')).toContain(fact)
      expect(answer).toContain(fact)
    }
  })

  it('政务服务问答: classifies the question, drafts an answer from the retrieved policy passages and waits for approval', async () => {
    const result = await runTemplate('gov-service-qa')
    expect(result.status).toBe('waiting')
    expect(stepOutput(result, 'area')).toMatchObject({ category: 'residence', label: '户籍与居住证' })
    const policies = stepOutput(result, 'policies') as {
      chunks: { document: { name: string } }[]
      context: string
    }
    expect(policies.chunks[0]?.document.name).toBe('居住证办理指南.md')
    const draft = stepOutput(result, 'draft').text as string
    // Every condition, document, channel and time limit in the answer comes from the retrieved passages.
    for (const fact of ['免冠照片', '城市通', '十五个工作日', '积分入学']) {
      expect(policies.context).toContain(fact)
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

interface CliReport {
  status: string
  steps: { nodeId: string; status: string; output?: Record<string, unknown> }[]
}

async function runCli(slug: string): Promise<CliReport> {
  const run = await zhiliu('run', '--template', slug, '--demo', '--json')
  expect(run.code, run.stderr).toBe(0)
  return JSON.parse(run.stdout) as CliReport
}

const step = (report: CliReport, nodeId: string): Record<string, unknown> =>
  report.steps.find((s) => s.nodeId === nodeId)?.output ?? {}

describe('zhiliu run --template', () => {
  it('runs a template with its sample input on the demo model', async () => {
    const run = await zhiliu('run', '--template', 'customer-reply', '--demo', '--json')
    expect(run.code).toBe(0)
    const report = JSON.parse(run.stdout)
    expect(report.status).toBe('succeeded')
    expect(report.output.body.category).toBe('complaint')
  }, 30_000)

  it('writes a saved file into the folder --out names', async () => {
    const out = await mkdtemp(join(tmpdir(), 'zhiliu-cli-out-'))
    const run = await zhiliu('run', '--template', 'screenplay', '--demo', '--json', '--out', out)
    expect(run.code, run.stderr).toBe(0)
    const report = JSON.parse(run.stdout)
    expect(report.output.body.file).toBe('剧本开发/鞋厂新生.md')
    expect(await readFile(join(out, 'files', '剧本开发', '鞋厂新生.md'), 'utf8')).toBe(
      report.output.body.document,
    )
  }, 30_000)

  it('reports a run stopped at an approval as waiting, with exit code 0', async () => {
    const run = await zhiliu('run', '--template', 'press-release-rewrite', '--demo', '--json')
    expect(run.code).toBe(0)
    const report = JSON.parse(run.stdout)
    expect(report.status).toBe('waiting')
    expect(report.steps.at(-1)).toMatchObject({ nodeId: 'review', status: 'waiting' })
  }, 30_000)

  // The demo model paces its answers in a real CLI run: these three run side by side.
  it.concurrent('物业通知: writes the notice in Chinese and English from the event, then waits for the manager before posting', async ({
    expect,
  }) => {
    const report = await runCli('property-notice')
    expect(report.status).toBe('waiting')
    expect(report.steps.map((s) => `${s.nodeId}: ${s.status}`)).toEqual([
      'start: succeeded',
      'write: succeeded',
      'review: waiting',
    ])
    const event = template('property-notice').sampleInput as Record<string, string>
    const data = step(report, 'write').data as Record<'titleZh' | 'noticeZh' | 'titleEn' | 'noticeEn', string>
    // Every fact in the notice comes from the event as entered.
    for (const fact of [event.buildings, event.time, '市政供水管网改造', '0769-2233 6688']) {
      expect(`${event.buildings}${event.time}${event.reason}${event.contact}`).toContain(fact)
      expect(data.noticeZh).toContain(fact)
    }
    expect(data.titleZh).toContain(event.estate)
    for (const fact of ['Buildings 3 and 5', '9:00 to 17:00', '6 September 2025', '0769-2233 6688']) {
      expect(data.noticeEn).toContain(fact)
    }
    expect(data.noticeEn).not.toMatch(/[\u4e00-\u9fff]/)
    const request = step(report, 'review') as { title: string; assignee: string; content: string }
    expect(request).toMatchObject({ title: data.titleZh, assignee: '物业客服主管' })
    expect(request.content).toContain(data.noticeZh)
    expect(request.content).toContain(data.noticeEn)
  }, 30_000)

  it.concurrent('多平台分发: four platform versions that keep the facts, in one preview that fits a WeCom message', async ({
    expect,
  }) => {
    const report = await runCli('multi-platform')
    expect(report.status).toBe('waiting')
    expect(report.steps.at(-1)).toMatchObject({ nodeId: 'review', status: 'waiting' })
    const v = step(report, 'variants').data as Record<string, string>
    const versions = [v.wechatArticle, v.weiboPost, v.douyinScript, v.xiaohongshuNote]
    for (const version of versions) {
      for (const fact of ['18:30', '40元', '1500']) expect(version).toContain(fact)
    }
    expect([...(v.weiboPost ?? '')].length).toBeLessThanOrEqual(160)
    expect(v.weiboPost).toMatch(/#[^#]+#/)
    expect(v.douyinScript?.split('\n').every((line) => /^【\d+-\d+秒】/.test(line))).toBe(true)
    expect([...(v.xiaohongshuTitle ?? '')].length).toBeLessThanOrEqual(20)
    const preview = (step(report, 'review') as { content: string }).content
    expect(preview.match(/^### (公众号|微博|抖音口播脚本|小红书)/gm)).toHaveLength(4)
    for (const version of versions) expect(preview).toContain(version)
    // The group message adds a line before the approved text; WeCom takes 4096 bytes of Markdown.
    expect(Buffer.byteLength(preview)).toBeLessThan(3800)
  }, 30_000)

  it.concurrent('制造业产品营销: both copies state the figures from the specs, pass the wording check and wait for approval', async ({
    expect,
  }) => {
    const report = await runCli('product-marketing')
    expect(report.status).toBe('waiting')
    expect(report.steps.map((s) => `${s.nodeId}: ${s.status}`)).toEqual([
      'start: succeeded',
      'write: succeeded',
      'check: succeeded',
      'rework: skipped',
      'review: waiting',
    ])
    const copy = step(report, 'write').data as Record<string, string>
    const specs = String(template('product-marketing').sampleInput.specs)
    const figures = (specs.match(/\d+(?:\.\d+)?/g) ?? []).filter((n) => n.includes('.') || Number(n) >= 10)
    expect(figures).toEqual(expect.arrayContaining(['614', '3000', '1200', '1.5', '7.2', '38.3']))
    for (const text of [copy.domesticCopy, copy.exportCopy]) {
      const plain = (text ?? '').replace(/(\d),(\d{3})/g, '$1$2')
      for (const figure of figures) expect(plain).toContain(figure)
    }
    expect(copy.exportHeadline).not.toMatch(/[\u4e00-\u9fff]/)
    expect(copy.exportCopy).not.toMatch(/[\u4e00-\u9fff]/)
    // Neither the Advertising Law list nor the AI review objects, so the copy goes to the manager, not back.
    expect(step(report, 'check')).toMatchObject({
      flagged: false,
      hits: [],
      review: { safe: true, reasons: [], provider: 'demo' },
    })
    expect(step(report, 'review')).toMatchObject({ title: '营销文案：HT-600 便携式户外储能电源' })
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
