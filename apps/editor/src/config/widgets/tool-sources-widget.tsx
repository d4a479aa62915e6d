import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { type CredentialSummary, listCredentials } from '../../api/credentials-api.ts'
import { type KnowledgeBaseSummary, listKnowledgeBases } from '../../api/knowledge-api.ts'
import { hrefFor } from '../../routing/use-route.ts'
import type { FieldProps } from '../field-props.ts'

type Source = { source: 'kb' | 'mcp'; ref: string }

const sourcesOf = (value: unknown): Source[] =>
  Array.isArray(value)
    ? value.filter(
        (v): v is Source =>
          typeof v === 'object' &&
          v !== null &&
          (v.source === 'kb' || v.source === 'mcp') &&
          typeof v.ref === 'string',
      )
    : []

/**
 * An agent's tools from outside its flow, ticked by name: the person's knowledge bases (each one search tool) and
 * MCP server credentials (each all its server's tools). Stored as `{source, ref}`, the ids nobody should have to type.
 */
export function ToolSourcesWidget({ id, field, value, onChange }: FieldProps) {
  const { t } = useTranslation()
  const [bases, setBases] = useState<KnowledgeBaseSummary[]>()
  const [servers, setServers] = useState<CredentialSummary[]>()
  const [failed, setFailed] = useState(false)
  useEffect(() => {
    Promise.all([listKnowledgeBases(), listCredentials()])
      .then(([kbs, credentials]) => {
        setBases(kbs)
        setServers(credentials.filter((c) => c.type === 'mcp.server'))
      })
      .catch(() => setFailed(true))
  }, [])
  const chosen = sourcesOf(value)
  const has = (source: Source['source'], ref: string) =>
    chosen.some((c) => c.source === source && c.ref === ref)
  const toggle = (source: Source['source'], ref: string, on: boolean) => {
    const others = chosen.filter((c) => !(c.source === source && c.ref === ref))
    onChange(on ? [...others, { source, ref }] : others)
  }
  const missing = chosen.filter(
    (c) =>
      bases &&
      servers &&
      !(c.source === 'kb' ? bases.some((kb) => kb.id === c.ref) : servers.some((s) => s.id === c.ref)),
  )
  const box = (source: Source['source'], ref: string, name: string) => (
    <label key={`${source}:${ref}`} className="checkbox" style={{ display: 'block' }}>
      <input
        type="checkbox"
        data-testid={`tool-source-${source}-${ref}`}
        checked={has(source, ref)}
        onChange={(e) => toggle(source, ref, e.target.checked)}
      />{' '}
      {name}
    </label>
  )
  return (
    <div id={id} className="credential-field" data-testid={`input-${field.key}`}>
      {bases === undefined && !failed && <p className="field__help">{t('common.loading')}</p>}
      {bases && (
        <fieldset>
          <legend className="field__help">{t('form.toolSourcesKb')}</legend>
          {bases.length === 0 && <p className="field__help">{t('knowledge.none')}</p>}
          {bases.map((kb) => box('kb', kb.id, kb.name))}
        </fieldset>
      )}
      {servers && (
        <fieldset>
          <legend className="field__help">{t('form.toolSourcesMcp')}</legend>
          {servers.length === 0 && (
            <p className="field__help">
              {t('form.noCredentials')} <a href={hrefFor({ page: 'credentials' })}>{t('nav.credentials')}</a>
            </p>
          )}
          {servers.map((s) => box('mcp', s.id, s.name))}
        </fieldset>
      )}
      {/* Ticked still, so it can be unticked: a deleted base or server, or one of another owner. */}
      {missing.map((c) => box(c.source, c.ref, t('form.missingToolSource', { ref: c.ref })))}
      {failed && <p className="field__problem field__problem--error">{t('errors.loadFailed')}</p>}
    </div>
  )
}
