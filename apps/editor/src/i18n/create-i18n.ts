import i18next from 'i18next'
import LanguageDetector from 'i18next-browser-languagedetector'
import { initReactI18next } from 'react-i18next'
import { en } from './en.ts'
import { zhCN } from './zh-cn.ts'

export const LANGUAGE_KEY = 'zhiliu.language'

/**
 * zh-CN is the default: people whose browser says Chinese, or says nothing we know, get Chinese. English is
 * switchable and the choice is remembered in localStorage, so a projector laptop keeps the instructor's pick.
 */
export function createI18n() {
  const i18n = i18next.createInstance()
  void i18n
    .use(LanguageDetector)
    .use(initReactI18next)
    .init({
      resources: { 'zh-CN': { translation: zhCN }, en: { translation: en } },
      supportedLngs: ['zh-CN', 'en'],
      load: 'currentOnly',
      fallbackLng: 'zh-CN',
      detection: {
        order: ['localStorage', 'navigator'],
        lookupLocalStorage: LANGUAGE_KEY,
        caches: ['localStorage'],
        // "zh", "zh-TW", "en-GB" and the like map onto the two languages we have; anything else gets Chinese.
        convertDetectedLanguage: (lng: string) => (lng.toLowerCase().startsWith('en') ? 'en' : 'zh-CN'),
      },
      // React escapes what it renders; escaping here too would show "&amp;" in node names.
      interpolation: { escapeValue: false },
      returnNull: false,
    })
  i18n.on('languageChanged', (lng) => {
    document.documentElement.lang = lng.startsWith('en') ? 'en' : 'zh-CN'
  })
  return i18n
}
