import { useTranslation } from 'react-i18next'
import { ClassAccountsSection } from '../classroom/class-accounts-section.tsx'
import { ClassProgressSection } from '../classroom/class-progress-section.tsx'

/** 班级: student accounts made from a class list, and who has done what with a lesson's flow. */
export function ClassPage() {
  const { t } = useTranslation()
  return (
    <div className="page page--medium">
      <h1>{t('classroom.title')}</h1>
      <ClassAccountsSection />
      <ClassProgressSection />
    </div>
  )
}
