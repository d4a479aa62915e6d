import type { ChatUsage, GeneratedImage } from '@zhiliu/nodes'

type ImageItem = { b64_json?: string; url?: string; revised_prompt?: string }

/**
 * OpenAI answers `{ data: [...] }`; SiliconFlow answers `{ images: [...] }`. gpt-image-1 also reports the tokens it
 * is billed by, as `usage.input_tokens` and `usage.output_tokens`.
 */
export function readImages(res: unknown): {
  images: GeneratedImage[]
  revisedPrompt?: string
  usage?: ChatUsage
} {
  const body = (typeof res === 'object' && res !== null ? res : {}) as {
    data?: ImageItem[]
    images?: ImageItem[]
    usage?: { input_tokens?: unknown; output_tokens?: unknown }
  }
  const items = body.data ?? body.images
  if (!Array.isArray(items) || items.length === 0) throw new SyntaxError('the image reply holds no images')
  const images = items.map((item): GeneratedImage => {
    if (item.b64_json) return { base64: item.b64_json, mimeType: sniffImageType(item.b64_json) }
    return {
      url: String(item.url ?? ''),
      mimeType: /\.jpe?g(\?|$)/i.test(item.url ?? '') ? 'image/jpeg' : 'image/png',
    }
  })
  const revisedPrompt = items[0]?.revised_prompt
  const { input_tokens: input, output_tokens: output } = body.usage ?? {}
  const usage =
    typeof input === 'number' && typeof output === 'number'
      ? { promptTokens: input, completionTokens: output }
      : undefined
  return { images, ...(revisedPrompt ? { revisedPrompt } : {}), ...(usage ? { usage } : {}) }
}

function sniffImageType(base64: string): string {
  if (base64.startsWith('/9j/')) return 'image/jpeg'
  if (base64.startsWith('UklGR')) return 'image/webp'
  return 'image/png'
}
