import { publishTemplateStructuredScripts } from './demo-publish-templates.ts'
import { demoSafetyReview } from './demo-safety-review.ts'
import { shortVideoStoryboard } from './demo-storyboard-template.ts'
import { clip, hasChinese, materialOf, sentencesOf } from './demo-text.ts'

export interface DemoInput {
  /** The last user message's text. */
  prompt: string
  system: string
  images: number
}

/** A scripted answer: fixed text, or a function of the input so the answer still reflects what was asked. */
export type DemoScript = string | ((input: DemoInput) => string)

function summarize({ prompt }: DemoInput): string {
  const material = materialOf(prompt)
  const parts = sentencesOf(material)
  const zh = hasChinese(material)
  if (parts.length === 0)
    return zh || hasChinese(prompt) ? '没有收到需要总结的内容。' : 'There was nothing to summarise.'
  const points = parts.slice(1, 4).map((p, i) => `${i + 1}. ${clip(p, 40)}`)
  const count = [...material.replace(/\s/g, '')].length
  if (!zh)
    return [
      `In short: ${clip(parts[0] ?? '', 80)}.`,
      ...points,
      `(About ${count} characters in the original.)`,
    ].join('\n')
  return [`这段内容的要点是：${clip(parts[0] ?? '', 50)}。`, ...points, `（原文约 ${count} 字。）`].join('\n')
}

function titles({ prompt }: DemoInput): string {
  const lead = clip(sentencesOf(materialOf(prompt))[0] ?? '今日要闻', 18)
  return [`1. ${lead}`, `2. 一文读懂：${lead}`, `3. 关于${lead}，你需要知道的三件事`].join('\n')
}

function translate({ prompt }: DemoInput): string {
  const material = materialOf(prompt)
  // The demo cannot translate; it says so in the shape of a real answer rather than inventing one.
  return hasChinese(material) ? `[Demo translation] ${material}` : `【演示译文】${material}`
}

function vision({ prompt, images }: DemoInput): string {
  return (
    `演示模型收到了 ${images} 张图片和问题「${clip(prompt, 30)}」。` +
    '接入支持识图的模型（如 qwen-vl-plus、GPT-4o）后，这里会是对图片内容的描述。'
  )
}

function fallback({ prompt }: DemoInput): string {
  const topic = clip(sentencesOf(materialOf(prompt))[0] ?? prompt, 30)
  if (!hasChinese(prompt) && prompt.trim() !== '') {
    return `About "${topic}": this is a sample answer from the offline demo model. Connect a real model (DeepSeek, Qwen, OpenAI…) to get a generated answer here.`
  }
  return `关于「${topic}」：这是离线演示模型给出的示例回答。接入真实模型（如 DeepSeek、通义千问）后，这里会是模型生成的内容。`
}

export const builtinDemoScripts: Record<string, DemoScript> = { summarize, titles, translate }

const byPrompt: [RegExp, DemoScript][] = [
  [/摘要|总结|概括|归纳|summar/i, summarize],
  [/标题|题目|headline|title/i, titles],
  [/翻译|译成|译为|translat/i, translate],
]

/** The demo's answer: the script named by `demoKey`, else one matched by what the prompt asks, else a fallback. */
export function demoAnswer(
  input: DemoInput,
  demoKey: string | undefined,
  scripts: Record<string, DemoScript>,
): string {
  const script =
    (demoKey ? scripts[demoKey] : undefined) ??
    (input.images > 0 ? vision : undefined) ??
    byPrompt.find(([pattern]) => pattern.test(`${input.system}\n${input.prompt.split('\n')[0]}`))?.[1] ??
    fallback
  return typeof script === 'string' ? script : script(input)
}

export function demoReasoning({ prompt }: DemoInput): string {
  const size = [...prompt].length
  return `先读一遍问题和材料（约 ${size} 字），找出最重要的信息；再想清楚回答需要的格式；最后用简洁的语言写出答案。`
}

/**
 * Scripted structured answers for the templates in `templates/`, by `demoKey`: the demo model answers an
 * `ai.structured` node that names one of these with this object (it must fit the node's fields), and any other
 * structured request with a sample shaped by the schema. Each is written for its template's sample input.
 * `safety-review` is the verdict `text.safety-check` asks for when its AI review is on.
 */
export const builtinStructuredDemoScripts: Record<string, (input: DemoInput) => Record<string, unknown>> = {
  'safety-review': demoSafetyReview,
  ...publishTemplateStructuredScripts,
  'short-video-storyboard': shortVideoStoryboard,
  'press-release-rewrite': () => ({
    headlines: [
      '东莞松山湖新增3条智能网联公交线路，9月1日起试运营',
      '坐无人驾驶公交上班？松山湖这3条线路下月开跑',
      '东莞首批智能网联公交线路开通 日均可服务通勤乘客约8000人次',
    ],
    article: [
      '本报讯 东莞市交通运输局日前发布消息，松山湖高新区3条智能网联公交线路将于9月1日起试运营，',
      '连接松山湖北站、大学创新城和华为溪流背坡村等通勤热点，预计日均可服务乘客约8000人次。',
      '',
      '据介绍，3条线路共投放24辆L4级智能网联公交车，试运营期间每车配备一名安全员，',
      '乘客可使用“东莞通”或微信乘车码乘车，票价统一为2元。',
      '',
      '市交通运输局相关负责人表示，试运营期间将重点收集客流和安全数据，为下一步扩大线路覆盖范围提供依据。',
      '市民如有意见建议，可拨打12345热线反映。',
    ].join('\n'),
    summary:
      '松山湖3条智能网联公交线路9月1日起试运营，投放24辆L4级车辆，票价2元，每车配安全员，预计日均服务约8000人次。',
  }),
  'topic-plan': () => ({
    theme: '“秋天第一波”城市消费：从台风天到开学季的民生服务',
    topics: [
      '台风“摩羯”过境后，全市积水点整治进展如何？',
      '开学季校园周边交通组织新变化',
      '莞味早茶“出圈”背后的老字号转型',
    ],
    angles: [
      '跟随排水抢修队一夜：用数据还原十大积水点的前后对比',
      '早高峰实地蹲点三所学校，采访交警、家长和学生',
      '探访三家老字号后厨，讲述年轻掌门人的创新故事',
    ],
    sources: [
      '市水务局排水管理所、各镇街城管分局',
      '市公安局交警支队、市教育局、家长代表',
      '市餐饮行业协会、老字号店主、美食博主',
    ],
    recommendation: '建议优先推进台风后积水点整治选题，时效性最强，可配合短视频和数据图表在今晚推送。',
  }),
  'training-quiz': () => ({
    questions: [
      '发现网络谣言时，编辑第一步应当做什么？A. 立即转发辟谣 B. 核实信息来源 C. 删除评论',
      '新闻稿中引用数据，必须标明什么？A. 数据来源和时间 B. 作者电话 C. 稿件字数',
      '稿件涉及未成年人时，以下哪种做法正确？A. 公开全名和学校 B. 对姓名和面部作模糊处理 C. 发布家庭住址',
    ],
    answers: [
      'B。先核实信息来源，确认真伪后再决定是否辟谣及如何辟谣。',
      'A。数据须注明来源和统计时间，方便读者判断和核查。',
      'B。保护未成年人隐私，姓名和面部须作模糊处理。',
    ],
    keyPoints: ['先核实，后发布', '数据注明来源和时间', '保护未成年人隐私'],
  }),
  screenplay: () => ({
    title: '鞋厂新生',
    logline:
      '东莞老鞋厂濒临倒闭，固执的父亲与留洋归来的女儿必须放下分歧，用一双“东莞造”的潮鞋让工厂和家重新站起来。',
    outline: [
      '订单锐减，老林的鞋厂只剩三条生产线；女儿林晓从米兰毕业回国，提出把老厂改成潮牌设计工作室，父女当场闹翻。',
      '林晓带着设计稿说服老师傅们试做样鞋，首批潮鞋在直播间意外走红，却因赶工出现质量问题，被网友群嘲，父女矛盾爆发。',
      '老林拿出二十年的做鞋手艺带队返工，父女联手推出“厚街匠心”联名款，在东莞国际鞋展上拿下海外订单，工厂完成转型。',
    ],
    scenes: [
      '厚街镇鞋厂车间，日：流水线停了两条，老林盯着空荡的订单板。',
      '林家客厅，夜：林晓摊开设计稿，父女第一次争吵。',
      '工厂食堂，日：林晓请老师傅们吃饭，说服他们试做样鞋。',
      '直播间，夜：首批潮鞋上架，销量一路飙升。',
      '厚街鞋展展馆，日：父女并肩站在展台前，与海外买家握手。',
    ],
  }),
}

/** Scripted text answers for the templates in `templates/`, by `demoKey`. */
export const templateDemoScripts: Record<string, DemoScript> = {
  // 读者互动 (templates/reader-qa.json), for its sample question; every fact is from its sample article [1].
  'reader-qa': () =>
    '市图书馆新馆5月1日正式开放[1]。开放时间是周二至周日9:00至21:00，周一闭馆，法定节假日除外[1]。凭身份证或社保卡可以免费办借阅证[1]。',
  // 政务服务问答 (templates/gov-service-qa.json), for its sample question; every fact is from 居住证办理指南.md of
  // its sample knowledge base (templates/knowledge/gov-policies), whose sections retrieval finds for it.
  'gov-answer': () =>
    [
      '根据您提供的情况，答复如下：',
      '1. 所需材料：本人居民身份证原件、近六个月内的一寸白底免冠照片、居住地住址证明（如登记备案的租赁合同或不动产权证书），以及劳动合同或营业执照[1]。',
      '2. 办理渠道：可到居住地社区的出租屋管理服务中心窗口办理，也可通过“城市通”小程序在线申请[1]。',
      '3. 办理时限：材料齐全的，受理之日起十五个工作日内制证发放，首次申领不收费[1]。',
      '4. 持有居住证可以按规定申请积分入学[1]；积分入学的具体申请时间和积分标准，请以当年教育部门公告或12345热线答复为准。',
    ].join('\n'),
  'customer-reply': ({ prompt }) =>
    /投诉|complaint/i.test(prompt)
      ? '王先生您好，非常抱歉给您带来不便！您反映的快递延误问题我们已记录（工单号 KF20250901-017），' +
        '物流专员将在24小时内与您联系核实并补发商品。由此造成的困扰，我们将为您补偿一张20元无门槛优惠券。感谢您的耐心与监督！'
      : '您好，感谢您的留言！您的问题我们已经收到，客服专员会在1个工作日内与您联系，如有急事可拨打客服热线 0769-2288 0000。',
  'data-commentary': () =>
    [
      '本期5篇稿件总阅读量超过18万，其中民生类稿件表现最突出，《松山湖智能公交9月开跑》单篇阅读量达7.6万，占总量四成以上。',
      '时政类稿件阅读量平稳，但转发率偏低，建议在标题和导语中更突出与市民生活的关联。',
      '下一步可加大民生服务类选题比重，并在晚间高峰时段推送，进一步提升传播效果。',
    ].join(''),
}
