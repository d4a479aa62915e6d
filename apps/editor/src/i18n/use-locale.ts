import type { Locale, Localized } from '@zhiliu/nodes'
import { useCallback } from 'react'
import { useTranslation } from 'react-i18next'

/** The UI language as the node catalogue spells it; anything that is not English is shown in Chinese. */
export function toLocale(language: string | undefined): Locale {
  return language?.startsWith('en') ? 'en' : 'zh-CN'
}

export function useLocale(): Locale {
  const { i18n } = useTranslation()
  return toLocale(i18n.resolvedLanguage ?? i18n.language)
}

/** Picks a catalogue text (a node title, a field label) in the current language. */
export function useLocalize(): (text: Localized | undefined) => string {
  const locale = useLocale()
  return useCallback((text) => (text ? text[locale] : ''), [locale])
}
