import { useTranslation } from 'react-i18next'
import { ModelProvidersSection } from '../models/model-providers-section.tsx'
import { LanguageSwitch } from '../ui/language-switch.tsx'

/** The interface language, and the model providers AI nodes use. */
export function SettingsPage() {
  const { t } = useTranslation()
  return (
    <div className="page page--narrow">
      <h1>{t('settings.title')}</h1>
      <section className="card">
        <h2>{t('settings.language')}</h2>
        <p>{t('settings.languageHelp')}</p>
        <LanguageSwitch />
      </section>
      <ModelProvidersSection />
    </div>
  )
}
