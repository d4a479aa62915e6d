import type { Flow } from '@zhiliu/nodes'
import { useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import {
  createFlow,
  deleteFlow,
  exportFlow,
  type FlowOwnerScope,
  type FlowSummary,
  getFlow,
} from '../api/flows-api.ts'
import { exportLessonPack } from '../api/lessons-api.ts'
import { hasUnpublishedChanges } from '../editor/published-state.ts'
import { createCompanions } from '../flows/create-companions.ts'
import { FlowListFilter } from '../flows/flow-list-filter.tsx'
import type { TemplateNeeds } from '../flows/flow-templates.ts'
import { importFile } from '../flows/import-file.ts'
import { NewFlowDialog } from '../flows/new-flow-dialog.tsx'
import { useFlowList } from '../flows/use-flow-list.ts'
import { useLocale } from '../i18n/use-locale.ts'
import { hrefFor, navigate } from '../routing/use-route.ts'
import { useIsOwner } from '../session/session-store.ts'
import { downloadJson } from '../ui/download-json.ts'
import { ErrorText } from '../ui/error-text.tsx'
import { formatTime } from '../ui/format-time.ts'
import { useDebounced } from '../ui/use-debounced.ts'

/** Every flow: open, duplicate, export, delete; create a new one (blank or from an example) or import a file. */
export function FlowsPage() {
  const { t } = useTranslation()
  const locale = useLocale()
  const [error, setError] = useState<unknown>()
  // The owner role may see every member's flows, but starts on their own: a class's copies would bury them.
  const isOwner = useIsOwner()
  const [scope, setScope] = useState<FlowOwnerScope>('me')
  const [search, setSearch] = useState('')
  const q = useDebounced(search.trim(), 250)
  const { flows, total, ownerNames, loadMore, reload } = useFlowList(scope, q, setError)
  const [creating, setCreating] = useState(false)
  // Flows ticked for a lesson pack (课程包).
  const [picked, setPicked] = useState<ReadonlySet<string>>(new Set())
  const [notice, setNotice] = useState<string>()
  const toggle = (id: string) =>
    setPicked((old) => {
      const next = new Set(old)
      if (!next.delete(id)) next.add(id)
      return next
    })
  const exportPack = () =>
    guard(async () => {
      const ids = flows?.filter((f) => picked.has(f.id)).map((f) => f.id) ?? []
      const title = flows?.find((f) => f.id === ids[0])?.name ?? 'lesson'
      downloadJson(`${title}.zhiliu-lesson.json`, await exportLessonPack(ids))
    })
  const file = useRef<HTMLInputElement>(null)

  const guard = async (fn: () => Promise<unknown>) => {
    setError(undefined)
    try {
      await fn()
    } catch (err) {
      setError(err)
    }
  }

  const create = (template: Flow, needs?: TemplateNeeds) =>
    guard(async () => {
      const flow = needs ? await createCompanions(template, needs, locale) : template
      const created = await createFlow(flow)
      navigate({ page: 'editor', flowId: created.id })
    })

  const duplicate = (f: FlowSummary) =>
    guard(async () => {
      const { document } = await getFlow(f.id)
      await createFlow(copyOf(document, t('flows.copyName', { name: document.name })))
      reload()
    })

  const remove = (f: FlowSummary) =>
    guard(async () => {
      if (!window.confirm(t('flows.confirmDelete', { name: f.name }))) return
      await deleteFlow(f.id)
      reload()
    })

  const onImport = (files: FileList | null) =>
    guard(async () => {
      const picked = files?.[0]
      if (!picked) return
      let data: unknown
      try {
        data = JSON.parse(await picked.text())
      } catch {
        throw new Error(t('flows.importNotJson'))
      }
      const result = await importFile(data)
      if (result.open) navigate({ page: 'editor', flowId: result.open })
      else {
        setNotice(t('lessons.imported', { count: result.imported }))
        reload()
      }
    })

  return (
    <div className="page">
      <div className="page__head">
        <h1>{t('flows.title')}</h1>
        <span className="toolbar__spacer" />
        <button
          type="button"
          className="btn"
          disabled={picked.size === 0}
          title={t('lessons.exportHint')}
          onClick={() => void exportPack()}
          data-testid="export-lesson"
        >
          {t('lessons.export', { count: picked.size })}
        </button>
        <button type="button" className="btn" onClick={() => file.current?.click()}>
          {t('flows.import')}
        </button>
        <input
          ref={file}
          type="file"
          accept="application/json,.json"
          hidden
          onChange={(e) => void onImport(e.target.files)}
          data-testid="import-file"
        />
        <button
          type="button"
          className="btn btn--primary"
          onClick={() => setCreating(true)}
          data-testid="new-flow"
        >
          + {t('flows.new')}
        </button>
      </div>
      <FlowListFilter
        showScope={isOwner}
        scope={scope}
        onScope={setScope}
        search={search}
        onSearch={setSearch}
      />
      <ErrorText error={error} />
      {notice && (
        <p className="notice" role="status">
          {notice}
        </p>
      )}
      {flows === undefined && !error && <p>{t('common.loading')}</p>}
      {flows?.length === 0 && q && (
        <p className="notice" role="status" data-testid="flows-no-match">
          {t('flows.noMatch', { q })}
        </p>
      )}
      {flows?.length === 0 && !q && (
        <div className="empty" data-testid="flows-empty">
          <p className="empty__title">{t('flows.emptyTitle')}</p>
          <p>{t('flows.emptyBody')}</p>
          <button type="button" className="btn btn--primary" onClick={() => setCreating(true)}>
            + {t('flows.new')}
          </button>
        </div>
      )}
      {flows && flows.length > 0 && (
        <table className="table" data-testid="flow-list">
          <thead>
            <tr>
              <th>
                <span className="visually-hidden">{t('lessons.pick')}</span>
              </th>
              <th>{t('flows.name')}</th>
              {ownerNames && <th>{t('flows.owner')}</th>}
              <th>{t('flows.state')}</th>
              <th>{t('flows.updated')}</th>
              <th>
                <span className="visually-hidden">{t('flows.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {flows.map((f) => (
              <tr key={f.id}>
                <td>
                  <input
                    type="checkbox"
                    checked={picked.has(f.id)}
                    onChange={() => toggle(f.id)}
                    aria-label={t('lessons.pickFlow', { name: f.name })}
                  />
                </td>
                <td>
                  <a href={hrefFor({ page: 'editor', flowId: f.id })} className="table__main-link">
                    {f.name}
                  </a>
                </td>
                {ownerNames && <td data-testid="flow-owner">{ownerNames.get(f.ownerId) ?? f.ownerId}</td>}
                <td>
                  {f.publishedVersion === null ? (
                    <span className="tag">{t('flows.draft')}</span>
                  ) : (
                    <span className="tag tag--ok">
                      {t('flows.published', { version: f.publishedVersion })}
                    </span>
                  )}
                  {hasUnpublishedChanges(f) && (
                    <span className="tag tag--warn" data-testid="flow-unpublished">
                      {t('publish.unpublished')}
                    </span>
                  )}
                </td>
                <td>{formatTime(f.updatedAt, locale)}</td>
                <td className="table__actions">
                  <a className="btn btn--small" href={hrefFor({ page: 'runs', flowId: f.id })}>
                    {t('flows.runs')}
                  </a>
                  <button type="button" className="btn btn--small" onClick={() => void duplicate(f)}>
                    {t('flows.duplicate')}
                  </button>
                  <button
                    type="button"
                    className="btn btn--small"
                    onClick={() =>
                      void guard(async () => downloadJson(`${f.name}.json`, await exportFlow(f.id)))
                    }
                  >
                    {t('flows.export')}
                  </button>
                  <button type="button" className="btn btn--small btn--danger" onClick={() => void remove(f)}>
                    {t('flows.delete')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {flows && total > flows.length && (
        <p>
          <span role="status">{t('flows.shown', { shown: flows.length, total })}</span>{' '}
          <button type="button" className="btn" onClick={loadMore} data-testid="flows-more">
            {t('flows.loadMore')}
          </button>
        </p>
      )}
      {creating && (
        <NewFlowDialog
          onClose={() => setCreating(false)}
          onCreate={(flow, needs) => void create(flow, needs)}
        />
      )}
    </div>
  )
}

/** A duplicate must not claim the original's custom webhook address, which the server would refuse. */
function copyOf(flow: Flow, name: string): Flow {
  return {
    ...flow,
    name: name.slice(0, 200),
    nodes: flow.nodes.map((n) =>
      n.type === 'trigger.webhook' && n.config.path ? { ...n, config: { ...n.config, path: '' } } : n,
    ),
  }
}
