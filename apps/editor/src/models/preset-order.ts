import type { ProviderPreset } from '../api/model-providers-api.ts'

// The audience is mostly in China: domestic services first, then a local Ollama, OpenAI, any other compatible
// service, and the offline demo model last. Presets this list does not know keep the server's order after them.
const ORDER = [
  'deepseek',
  'dashscope',
  'moonshot',
  'zhipu',
  'doubao',
  'siliconflow',
  'ollama',
  'openai',
  'custom',
  'demo',
]

const rank = (id: string) => {
  const i = ORDER.indexOf(id)
  return i === -1 ? ORDER.length : i
}

export function sortPresets(items: readonly ProviderPreset[]): ProviderPreset[] {
  return [...items].sort((a, b) => rank(a.id) - rank(b.id))
}
