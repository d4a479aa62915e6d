import { createRequire } from 'node:module'
import type { Jieba } from '@node-rs/jieba'

// Loaded on first use, module and all: importing `@node-rs/jieba/dict.js` reads its 11 MB of dictionaries into
// memory, and most servers never index a document or search a knowledge base. `require` keeps this synchronous.
const require = createRequire(import.meta.url)
let jieba: Jieba | undefined
const segmenter = () => {
  if (!jieba) {
    const { Jieba } = require('@node-rs/jieba') as typeof import('@node-rs/jieba')
    const { dict } = require('@node-rs/jieba/dict.js') as typeof import('@node-rs/jieba/dict.js')
    jieba = Jieba.withDict(dict)
  }
  return jieba
}

/** Words too common to tell chunks apart, and question words a query carries but a document rarely does. */
const STOP = new Set(
  '的 了 是 在 和 与 及 或 等 吗 呢 吧 啊 也 就 都 而 被 把 对 从 以 之 其 这 那 此 个 有 为 将 于 中 上 下 什么 哪些 哪个 如何 怎么 怎样 多少 可以 能否 是否 需要 我 你 他 她 我们 请问 a an the of to in on for and or is are be what how which'.split(
    ' ',
  ),
)

/**
 * The terms of a text for the keyword index and for the demo embedding: jieba's search-mode cut (a long word and
 * the shorter words inside it, 居住证 and 居住), lower-cased, without punctuation and stop words.
 */
export function segmentTerms(text: string): string[] {
  return segmenter()
    .cutForSearch(text, true)
    .map((term) => term.trim().toLowerCase())
    .filter((term) => term && /[\p{L}\p{N}]/u.test(term) && !STOP.has(term))
}

export function countTerms(terms: readonly string[]): Record<string, number> {
  const counts: Record<string, number> = {}
  for (const term of terms) counts[term] = (counts[term] ?? 0) + 1
  return counts
}
