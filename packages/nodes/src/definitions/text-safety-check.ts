import { z } from 'zod'
import { defineNode, route } from '../define-node.ts'
import { NodeError } from '../errors.ts'
import { t } from '../localized.ts'
import { field, hintsOf } from '../ui-hints.ts'
import { modelFields } from './ai-model-fields.ts'
import { createSensitiveWordFinder } from './find-sensitive-words.ts'
import { inPort } from './ports.ts'
import { ModelReview, reviewWithModel } from './safety-model-review.ts'
import { readWordLists } from './safety-word-lists.ts'
import { toText } from './to-text.ts'

/** A hit list longer than this says all there is to say; `count` still counts every hit. */
const MAX_REPORTED_HITS = 1000
const MAX_TEXT_LENGTH = 1_000_000

const WordList = z.object({
  category: field(z.string().max(50).default(''), {
    widget: 'text',
    template: false,
    label: t('类别', 'Category'),
    placeholder: t('例如：广告法用语', 'e.g. Advertising law'),
  }),
  words: field(z.unknown().default(''), {
    widget: 'textarea',
    label: t('词语', 'Words'),
    placeholder: t('每行一个词', 'One word per line'),
    help: t(
      '每行一个，也可以用逗号、顿号或分号隔开；也可以填 {{ }}，引用上一步取到的词表。',
      'One per line, or separated by commas or semicolons; or a {{ }} reference to a list fetched earlier.',
    ),
  }),
})

// The AI review's settings are clutter while the review is off, which is how most people use the word check.
const whileReviewing = { shownWhen: { field: 'modelReview', is: [true] } }
const onlyWithReview = <T extends z.ZodType>(schema: T): T => {
  const hints = hintsOf(schema)
  return hints ? field(schema, { ...hints, ...whileReviewing }) : schema
}

const Hit = z.object({
  /** The word as listed. */
  word: z.string(),
  /** The text as written where it was found, e.g. "敏 感 词". */
  text: z.string(),
  /** Position in the checked text, in UTF-16 code units like JavaScript's `slice`; `end` is exclusive. */
  start: z.int(),
  end: z.int(),
  category: z.string().optional(),
})

export const textSafetyCheck = defineNode({
  type: 'text.safety-check',
  version: 1,
  category: 'text',
  title: t('敏感词检查', 'Sensitive-word check'),
  description: t(
    '按词表检查文字，能识破全角、大小写和夹在字中间的空格符号，还可以再请 AI 审读一遍；有问题走“有敏感词”，否则走“通过”。',
    'Checks text against word lists, seeing through full-width forms, case and characters slipped between letters, optionally followed by an AI review; problems go to Flagged, clean text to Pass.',
  ),
  inputs: [inPort],
  outputs: [
    { name: 'pass', label: t('通过', 'Pass') },
    { name: 'flagged', label: t('有敏感词', 'Flagged') },
  ],
  config: z.object({
    text: field(z.unknown().default(''), {
      widget: 'textarea',
      label: t('要检查的文字', 'Text to check'),
      placeholder: t('{{ nodes.write.text }}', '{{ nodes.write.text }}'),
    }),
    lists: field(z.array(WordList).max(50).default([]), {
      widget: 'list',
      label: t('词表', 'Word lists'),
      help: t(
        '粘贴本单位的敏感词表，可以按类别分成几组；命中时会注明类别。',
        "Paste your organisation's word lists, grouped by category if you like; each hit names its category.",
      ),
    }),
    mode: field(z.enum(['fuzzy', 'exact']).default('fuzzy'), {
      widget: 'select',
      label: t('匹配方式', 'Matching'),
      options: {
        fuzzy: t(
          '模糊：不分全角半角和大小写，忽略字间的空格、符号和零宽字符',
          'Fuzzy: ignores width, case and spaces, symbols or zero-width characters between letters',
        ),
        exact: t('精确：逐字相同才算命中', 'Exact: only identical text matches'),
      },
      help: t(
        '模糊匹配时词表里的标点和空格也会被忽略；只由符号组成的词请用精确匹配。',
        'Fuzzy matching also ignores punctuation and spaces inside listed words; use exact matching for words made of symbols.',
      ),
    }),
    sampleWords: field(z.boolean().default(false), {
      widget: 'switch',
      label: t('加上示例词', 'Add sample words'),
      help: t(
        '内置几个中性的示例词（如“敏感词”“违禁词”），只用于试用和模板演示。',
        'A few neutral placeholder words (such as "敏感词"), for trying things out and for templates.',
      ),
    }),
    modelReview: field(z.boolean().default(false), {
      widget: 'switch',
      label: t('再请 AI 审读', 'Also review with AI'),
      help: t(
        '词表没有命中时，再请大模型审读一遍（隐私、夸大宣传、不当说法等词表查不出的问题）；它认为有问题也走“有敏感词”，并写明理由。词表已命中时不再调用模型。',
        'When no listed word is found, a language model also reads the text for what lists miss (privacy, exaggerated claims, improper wording); if it finds a problem the text goes to Flagged with its reasons. After a list hit the model is not asked.',
      ),
    }),
    provider: onlyWithReview(modelFields.provider),
    model: onlyWithReview(modelFields.model),
    reviewInstructions: field(z.unknown().default(''), {
      ...whileReviewing,
      widget: 'textarea',
      label: t('AI 审读的额外要求', 'Extra instructions for the AI review'),
      placeholder: t(
        '例如：这是产品广告，按《广告法》检查绝对化用语和无法证实的功效。',
        'e.g. This is an advert: check for absolute claims and unprovable benefits under the Advertising Law.',
      ),
    }),
  }),
  output: z.object({
    flagged: z.boolean(),
    /** Every hit, even past the reported ones. */
    count: z.int(),
    hits: z.array(Hit),
    /** The checked text, for the next step. */
    text: z.string(),
    /** The AI review's verdict and reasons; only when it ran (switched on and no listed word was found). */
    review: ModelReview.optional(),
  }),
  // Only the AI review can fail in a way worth retrying (a busy model); the word check never does.
  retry: { maxAttempts: 3, backoffMs: 2000 },
  timeoutMs: 300_000,
  sideEffects: false,
  async run({ config }, ctx) {
    const text = toText(config.text)
    if (text.length > MAX_TEXT_LENGTH) {
      throw new NodeError(
        'SAFETY_TEXT_TOO_LONG',
        `At most ${MAX_TEXT_LENGTH} characters can be checked at once`,
        {
          details: { field: 'text', length: text.length },
        },
      )
    }
    const entries = readWordLists(config.lists, config.sampleWords)
    if (entries.length === 0 && !config.modelReview) {
      // Passing everything because no list was filled in would look like a clean check.
      throw new NodeError('SAFETY_NO_WORDS', 'There are no words to check against: add a word list', {
        details: { field: 'lists' },
      })
    }
    const finder = createSensitiveWordFinder(entries, config.mode)
    if (finder.unusable.length) {
      ctx.logger.warn('words made only of separators never match in fuzzy mode', {
        words: finder.unusable.slice(0, 20),
      })
    }
    const hits = finder.find(text)
    const listed = { count: hits.length, hits: hits.slice(0, MAX_REPORTED_HITS), text }
    // A listed word settles it: the model is asked only about text the lists let through, which saves a call.
    if (hits.length > 0 || !config.modelReview) {
      return route(hits.length > 0 ? 'flagged' : 'pass', { flagged: hits.length > 0, ...listed })
    }
    const review = await reviewWithModel(
      text,
      { provider: config.provider, model: config.model, instructions: toText(config.reviewInstructions) },
      ctx,
    )
    return route(review.safe ? 'pass' : 'flagged', { flagged: !review.safe, ...listed, review })
  },
})
