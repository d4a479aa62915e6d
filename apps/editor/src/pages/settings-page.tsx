import { useTranslation } from 'react-i18next'
import { ModelPricesSection } from '../models/model-prices-section.tsx'
import { ModelProvidersSection } from '../models/model-providers-section.tsx'
import { ApiTokensSection } from '../people/api-tokens-section.tsx'
import { MembersSection } from '../people/members-section.tsx'
import { LanguageSwitch } from '../ui/language-switch.tsx'
import { RunHistorySection } from './run-history-section.tsx'
import { RunRetentionSection } from './run-retention-section.tsx'
import { RunStorageSection } from './run-storage-section.tsx'

/** The interface language, colleagues and API tokens, the model providers AI nodes use, what their calls cost, how long runs are kept and how much room they take. */
export function SettingsPage() {
  const { t } = useTranslation()
  return (
    <div className="page page--medium">
      <h1>{t('settings.title')}</h1>
      <section className="card">
        <h2>{t('settings.language')}</h2>
        <p>{t('settings.languageHelp')}</p>
        <LanguageSwitch />
      </section>
      <MembersSection />
      <ApiTokensSection />
      <ModelProvidersSection />
      <RunRetentionSection />
      <RunStorageSection />
      <RunHistorySection />
      <ModelPricesSection />
    </div>
  )
}
