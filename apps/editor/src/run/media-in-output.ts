export interface MediaItem {
  kind: 'image' | 'audio'
  url: string
}

// The server's media route, alone or under ZHILIU_PUBLIC_URL: nothing else is put into an <img> or <audio>.
const MEDIA_URL = /^(https?:\/\/[^/?#]+)?\/media\/[0-9a-f]{32}\.[a-z0-9]+$/

/** Whether `url` is a file this server stored (generated or uploaded), and so safe to show. */
export const isStoredMediaUrl = (url: string) => MEDIA_URL.test(url)

function asMedia(value: unknown): MediaItem | undefined {
  if (typeof value !== 'object' || value === null) return undefined
  const { url, mimeType } = value as { url?: unknown; mimeType?: unknown }
  if (typeof url !== 'string' || typeof mimeType !== 'string' || !MEDIA_URL.test(url)) return undefined
  if (mimeType.startsWith('image/')) return { kind: 'image', url }
  if (mimeType.startsWith('audio/')) return { kind: 'audio', url }
  return undefined
}

/**
 * The stored images and audio a node's output names at its top level — `images: [{url, mimeType}]` (ai.image),
 * `audio: {url, mimeType}` (ai.speech) — so the run view can show them. Only the top level is looked at: an output
 * may be megabytes, and the media nodes put their files there.
 */
export function mediaInOutput(output: unknown): MediaItem[] {
  if (typeof output !== 'object' || output === null || Array.isArray(output)) return []
  return Object.values(output).flatMap((value) =>
    (Array.isArray(value) ? value.slice(0, 8) : [value]).flatMap((item) => asMedia(item) ?? []),
  )
}
