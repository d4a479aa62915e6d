import { useTranslation } from 'react-i18next'
import type { Hint } from '../editor/hint.ts'
import { useLocale } from '../i18n/use-locale.ts'

export function HintText({ hint }: { hint: Hint }) {
  const { t } = useTranslation()
  const locale = useLocale()
  return <>{'key' in hint ? t(hint.key, hint.values ?? {}) : hint.text[locale]}</>
}
