import { useTranslation } from 'react-i18next'
import { setup } from '../api/auth-api.ts'
import { AuthForm } from './auth-form.tsx'

/** First start: whoever installs Zhiliu creates the owner account here, once. */
export function SetupPage() {
  const { t } = useTranslation()
  return (
    <AuthForm
      title={t('auth.setupTitle')}
      lead={t('auth.setupLead')}
      submitLabel={t('auth.setup')}
      newPassword
      submit={setup}
    />
  )
}
