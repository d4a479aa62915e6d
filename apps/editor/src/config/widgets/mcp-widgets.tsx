import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { listMcpTools, type McpToolSummary } from '../../api/mcp-api.ts'
import { useEditor } from '../../editor/editor-store.ts'
import type { FieldProps } from '../field-props.ts'
import { ChoiceSelect } from './choice-select.tsx'
import { type InputFieldRow, InputFieldRows } from './input-field-rows.tsx'

type Listing =
  | { state: 'none' }
  | { state: 'loading' }
  | { state: 'failed'; message: string }
  | {
      state: 'listed'
      tools: McpToolSummary[]
    }

/** A string field of the same node's config (the server beside the tool, the tool beside the arguments). */
function useSibling(nodeId: string, key: string): string {
  return useEditor((s) => {
    const value = s.nodes.find((n) => n.id === nodeId)?.data.config?.[key]
    return typeof value === 'string' ? value : ''
  })
}

/** The tools of the MCP server chosen in the node's `server` field, as the Zhiliu server lists them. */
function useMcpTools(nodeId: string): Listing {
  const serverId = useSibling(nodeId, 'server')
  const [listing, setListing] = useState<Listing>({ state: 'none' })
  useEffect(() => {
    let current = true
    if (!serverId) {
      setListing({ state: 'none' })
      return
    }
    setListing({ state: 'loading' })
    listMcpTools(serverId)
      .then((tools) => current && setListing({ state: 'listed', tools }))
      .catch((error: unknown) => {
        const message = error instanceof Error ? error.message : String(error)
        if (current) setListing({ state: 'failed', message })
      })
    return () => {
      current = false
    }
  }, [serverId])
  return listing
}

/** What to say instead of a control while there is no list: no server yet, loading, or the server could not list. */
function ListingNote({ listing }: { listing: Listing }) {
  const { t } = useTranslation()
  if (listing.state === 'none') return <p className="field__help">{t('form.chooseMcpServerFirst')}</p>
  if (listing.state === 'loading') return <p className="field__help">{t('form.mcpToolsLoading')}</p>
  if (listing.state === 'failed') {
    return (
      <p className="field__error" data-testid="mcp-tools-failed">
        {t('form.mcpToolsFailed', { message: listing.message })}
      </p>
    )
  }
  return null
}

/** `mcp.call`'s tool: a dropdown of the chosen server's tools, each with its description. */
export function McpToolWidget({ id, field, nodeId, value, onChange }: FieldProps) {
  const listing = useMcpTools(nodeId)
  const current = typeof value === 'string' ? value : ''
  if (listing.state !== 'listed') return <ListingNote listing={listing} />
  const chosen = listing.tools.find((tool) => tool.name === current)
  const choices = listing.tools.map((tool) => ({ value: tool.name, label: tool.name }))
  return (
    <>
      <ChoiceSelect
        id={id}
        testId={`input-${field.key}`}
        current={current}
        choices={choices}
        onChange={onChange}
      />
      {chosen?.description && <p className="field__help">{chosen.description}</p>}
    </>
  )
}

/** `mcp.call`'s arguments: one box per property of the chosen tool's input schema. */
export function McpArgumentsWidget({ id, field, nodeId, value, onChange }: FieldProps) {
  const { t } = useTranslation()
  const listing = useMcpTools(nodeId)
  const toolName = useSibling(nodeId, 'tool')
  const values = typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {}
  if (listing.state !== 'listed') return <ListingNote listing={listing} />
  const tool = listing.tools.find((candidate) => candidate.name === toolName)
  if (!tool) return <p className="field__help">{t('form.chooseMcpToolFirst')}</p>
  const fields = schemaFields(tool.inputSchema)
  if (fields.length === 0) return <p className="field__help">{t('form.mcpToolTakesNothing')}</p>
  return (
    <InputFieldRows
      id={id}
      testId={`input-${field.key}`}
      inputTestId="mcp-argument-"
      fields={fields}
      values={values}
      onChange={onChange}
    />
  )
}

/** A tool's input schema (JSON Schema, type object) as form rows: its properties, required ones marked. */
function schemaFields(schema: Record<string, unknown>): InputFieldRow[] {
  const properties = schema.properties
  if (typeof properties !== 'object' || properties === null) return []
  const required = Array.isArray(schema.required) ? schema.required : []
  return Object.entries(properties as Record<string, unknown>).map(([name, property]) => {
    const described = typeof property === 'object' && property !== null ? property : {}
    const { description, type } = described as { description?: unknown; type?: unknown }
    const hint = [typeof description === 'string' ? description : '', typeof type === 'string' ? type : '']
      .filter(Boolean)
      .join(' · ')
    return { name, required: required.includes(name), description: hint }
  })
}
