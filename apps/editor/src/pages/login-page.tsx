import { useTranslation } from 'react-i18next'
import { login } from '../api/auth-api.ts'
import { AuthForm } from './auth-form.tsx'

export function LoginPage() {
  const { t } = useTranslation()
  return (
    <AuthForm
      title={t('auth.loginTitle')}
      lead={t('auth.loginLead')}
      submitLabel={t('auth.login')}
      submit={login}
    />
  )
}
