import { useTranslation } from 'react-i18next'
import { useLocale } from '../i18n/use-locale.ts'

/** 中文 / English: each written in its own language, so whoever cannot read the current one still finds theirs. */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation()
  const locale = useLocale()
  return (
    <select
      className="input input--compact"
      aria-label={t('nav.language')}
      value={locale}
      onChange={(e) => void i18n.changeLanguage(e.target.value)}
      data-testid="language-switch"
    >
      <option value="zh-CN" lang="zh-CN">
        {t('language.zh')}
      </option>
      <option value="en" lang="en">
        {t('language.en')}
      </option>
    </select>
  )
}
