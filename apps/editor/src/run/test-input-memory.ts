import type { InputKind, TriggerField } from './trigger-fields.ts'

/** What the Run form remembers per flow: its field texts, its JSON text and which of the two was in use. */
export interface TestInput {
  values: Record<string, string>
  rawText: string
  /** Absent in memories written before the form remembered its mode. */
  raw?: boolean
}

const memoryKey = (flowId: string) => `zhiliu.testInput.${flowId}`
const RAW = '__raw'
const MODE = '__mode'

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v)

/**
 * The flow's last test input. Stored in this browser's localStorage (one flat object: field texts plus `__raw` and
 * `__mode`), so a class can run the same example again and again, and a captured test request fills the form.
 */
export function rememberedInput(flowId: string): TestInput {
  let saved: unknown
  try {
    saved = JSON.parse(localStorage.getItem(memoryKey(flowId)) ?? '{}')
  } catch {
    saved = {}
  }
  const values: Record<string, string> = {}
  if (isRecord(saved))
    for (const [key, value] of Object.entries(saved)) if (typeof value === 'string') values[key] = value
  const { [RAW]: rawText = '{\n  \n}', [MODE]: mode, ...fields } = values
  return { values: fields, rawText, ...(mode ? { raw: mode === 'raw' } : {}) }
}

/** What the Run form opens with: this browser's last input for the flow, else the flow's own sample input. */
export function startingInput(flowId: string, sample: unknown, fields: readonly TriggerField[]): TestInput {
  const remembered = localStorage.getItem(memoryKey(flowId)) !== null
  return remembered || sample === undefined ? rememberedInput(flowId) : inputFromSample(sample, fields)
}

export function rememberInput(flowId: string, input: TestInput): void {
  const mode = input.raw === undefined ? {} : { [MODE]: input.raw ? 'raw' : 'form' }
  localStorage.setItem(memoryKey(flowId), JSON.stringify({ ...input.values, [RAW]: input.rawText, ...mode }))
}

/**
 * A captured request body as Run form input: each declared field gets its value as the form would show it, and the
 * JSON box the whole body. The form is used when it can hold the body exactly, otherwise the JSON box, so nothing
 * that was sent is dropped on the way to the run.
 */
export function inputFromSample(body: unknown, fields: readonly TriggerField[]): TestInput {
  const values: Record<string, string> = {}
  const object = isRecord(body) ? body : undefined
  for (const f of fields) {
    const value = object && Object.hasOwn(object, f.name) ? object[f.name] : undefined
    if (value !== undefined) values[f.name] = typeof value === 'string' ? value : JSON.stringify(value)
  }
  const fitsForm =
    object !== undefined &&
    fields.length > 0 &&
    Object.entries(object).every(([key, value]) => {
      const field = fields.find((f) => f.name === key)
      return field !== undefined && formHolds(field.type, value)
    })
  return { values, rawText: JSON.stringify(body, null, 2), raw: !fitsForm }
}

/** Whether the form gives back exactly `value` for a field of this kind (it drops blank text, for one). */
function formHolds(kind: InputKind, value: unknown): boolean {
  if (typeof value === 'string') return kind === 'string' && value.trim() !== ''
  if (typeof value === 'number' || typeof value === 'boolean') return kind === typeof value
  if (Array.isArray(value)) return kind === 'array'
  return kind === 'object' && isRecord(value)
}
