import type { GeneratedImage } from '@zhiliu/nodes'

type ImageItem = { b64_json?: string; url?: string; revised_prompt?: string }

/** OpenAI answers `{ data: [...] }`; SiliconFlow answers `{ images: [...] }`. */
export function readImages(res: unknown): { images: GeneratedImage[]; revisedPrompt?: string } {
  const body = (typeof res === 'object' && res !== null ? res : {}) as {
    data?: ImageItem[]
    images?: ImageItem[]
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
  return revisedPrompt ? { images, revisedPrompt } : { images }
}

function sniffImageType(base64: string): string {
  if (base64.startsWith('/9j/')) return 'image/jpeg'
  if (base64.startsWith('UklGR')) return 'image/webp'
  return 'image/png'
}
