import { useTranslation } from 'react-i18next'
import { LanguageSwitch } from '../ui/language-switch.tsx'

/** Language now; model providers will be configured here once the server offers them. */
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
      <section className="card">
        <h2>{t('settings.models')}</h2>
        <p>{t('settings.modelsSoon')}</p>
      </section>
    </div>
  )
}
