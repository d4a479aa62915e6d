import type { TriggerEvent } from '@zhiliu/nodes'
import { unpackRunValues } from './packed-run.ts'
import type { ResultsRecord } from './results-record.ts'
import { INPUT_PREVIEW_CHARS, type Run, type RunRow } from './rows.ts'

/** A run row as every reader sees it, its packed values (see packed-run.ts) put back in their columns. */
export function readRunRow(row: RunRow): Run {
  const { packed, event, ...rest } = row
  if (!packed) return { ...rest, event: event as TriggerEvent }
  const values = unpackRunValues(packed)
  return {
    ...rest,
    event: values.event as TriggerEvent,
    output: values.output,
    results: values.results as ResultsRecord | null,
    document: values.document as Run['document'],
  }
}

/**
 * A packed run's input preview, cut as the stores' SQL cuts a plain run's (the event's body: a string as it is,
 * anything else as JSON; the first INPUT_PREVIEW_CHARS characters, counted as code points).
 */
export function inputPreviewOf(packed: Uint8Array): string | null {
  const { body } = unpackRunValues(packed).event as { body?: unknown }
  if (body === undefined || body === null) return null
  const text = typeof body === 'string' ? body : JSON.stringify(body)
  if (text.length <= INPUT_PREVIEW_CHARS) return text
  return Array.from(text.slice(0, INPUT_PREVIEW_CHARS * 2))
    .slice(0, INPUT_PREVIEW_CHARS)
    .join('')
}

/** A list's row without `packed`, its input preview cut from the packed event when the row is packed. */
export function toRunSummary<Row extends { packed: Uint8Array | null; inputPreview: string | null }>({
  packed,
  ...summary
}: Row): Omit<Row, 'packed'> {
  return packed ? { ...summary, inputPreview: inputPreviewOf(packed) } : summary
}
