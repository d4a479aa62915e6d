import { z } from 'zod'

export const locales = ['zh-CN', 'en'] as const
export type Locale = (typeof locales)[number]

/** Every user-facing string a definition carries exists in both languages; zh-CN is the default UI. */
export const Localized = z.object({ 'zh-CN': z.string().min(1), en: z.string().min(1) })
export type Localized = z.infer<typeof Localized>

export function t(zh: string, en: string): Localized {
  return { 'zh-CN': zh, en }
}
