import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { getClassProgress, type StudentProgress } from '../api/class-api.ts'
import { type FlowSummary, listFlows } from '../api/flows-api.ts'
import { useLocale } from '../i18n/use-locale.ts'
import { ErrorText } from '../ui/error-text.tsx'
import { formatTime } from '../ui/format-time.ts'

/** Per student: did they copy the chosen lesson flow, run it, and did a run succeed. */
export function ClassProgressSection() {
  const { t } = useTranslation()
  const locale = useLocale()
  const [flows, setFlows] = useState<FlowSummary[]>([])
  const [flowId, setFlowId] = useState('')
  const [students, setStudents] = useState<StudentProgress[]>()
  const [error, setError] = useState<unknown>()

  // A lesson is one of the teacher's own flows: the owner's full list also holds every student's copy, under the
  // same name, and picking a copy by mistake shows the class as having done nothing.
  useEffect(() => {
    listFlows('me').then((page) => setFlows(page.items), setError)
  }, [])
  const refresh = (id: string) => {
    setFlowId(id)
    setStudents(undefined)
    if (id) getClassProgress(id).then((p) => setStudents(p.students), setError)
  }
  const yesNo = (value: boolean) => (value ? `✓ ${t('classroom.yes')}` : t('classroom.no'))

  return (
    <section className="card" data-testid="class-progress">
      <h2>{t('classroom.progressTitle')}</h2>
      <p>{t('classroom.progressLead')}</p>
      <div className="toolbar">
        <label className="field__label" htmlFor="class-lesson">
          {t('classroom.lesson')}
        </label>
        <select
          id="class-lesson"
          className="input"
          value={flowId}
          onChange={(e) => refresh(e.target.value)}
          data-testid="class-lesson"
        >
          <option value="">{t('classroom.pickLesson')}</option>
          {flows.map((f) => (
            <option key={f.id} value={f.id}>
              {f.name}
            </option>
          ))}
        </select>
        {flowId && (
          <button type="button" className="btn" onClick={() => refresh(flowId)}>
            {t('classroom.refresh')}
          </button>
        )}
      </div>
      <ErrorText error={error} />
      {students && students.length === 0 && <p>{t('classroom.noStudents')}</p>}
      {students && students.length > 0 && (
        <table className="table">
          <thead>
            <tr>
              <th>{t('classroom.name')}</th>
              <th>{t('classroom.login')}</th>
              <th>{t('classroom.copied')}</th>
              <th>{t('classroom.runs')}</th>
              <th>{t('classroom.lastRun')}</th>
              <th>{t('classroom.succeeded')}</th>
            </tr>
          </thead>
          <tbody>
            {students.map((s) => (
              <tr key={s.id} data-testid={`progress-${s.login}`}>
                <td>{s.name ?? s.login}</td>
                <td>{s.login}</td>
                <td>{yesNo(s.copies.length > 0)}</td>
                <td>{s.runs}</td>
                <td>
                  {s.lastRun
                    ? `${t(`status.${s.lastRun.status}`, { defaultValue: s.lastRun.status })} · ${formatTime(s.lastRun.startedAt, locale)}`
                    : '–'}
                </td>
                <td>{yesNo(s.succeeded)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  )
}
