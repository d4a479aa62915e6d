import { deflateRawSync, inflateRawSync } from 'node:zlib'
import { PACK_DICTIONARY_1 } from './pack-dictionary.ts'

/**
 * An ended run's JSON values (event, output, node results, draft document), deflated together into one `packed`
 * value (issue 19: store less per run). They are written once at the end and never queried inside afterwards: the
 * queries that look into a record (approvals, attention, a waiting run's hold) only read open runs, which stay plain.
 * Compressing the four together lets one value's text refer to another's (a reply quotes a node's output).
 *
 * Layout: one format byte, then the deflate-raw stream of the UTF-8 JSON text `[event,output,results,document]`.
 * - format 1: deflate-raw with PACK_DICTIONARY_1 as its preset dictionary (a ~1 KB value gains ≈ 20 % from it).
 * A row with `packed` null is plain: its values are in their own columns, as every run stored before this format.
 * A reader that meets a format it does not know fails loudly rather than showing an empty run.
 */
export const PACK_FORMAT = 1

/** The values a packed run holds; each is the JSON text of its column, or null. */
export interface PackedValues {
  event: string
  output: string | null
  results: string | null
  document: string | null
}

/** Below this many bytes of JSON a run is left plain without trying: too little to save. */
export const PACK_MIN_BYTES = 64
/**
 * Packed only when it saves at least this many bytes and this share of the plain ones: every read of a packed run
 * pays an inflate (≈ 10 µs for a `hook` run), which a few bytes less in a 4 KB page do not repay.
 */
export const PACK_MIN_SAVED_BYTES = 32
export const PACK_MIN_SAVING = 0.1

/** The values packed, or null when packing them does not pay (see PACK_MIN_BYTES and PACK_MIN_SAVED_BYTES). */
export function packRunValues(values: PackedValues): Buffer | null {
  const text = `[${values.event},${values.output ?? 'null'},${values.results ?? 'null'},${values.document ?? 'null'}]`
  const plain = Buffer.byteLength(text)
  if (plain < PACK_MIN_BYTES) return null
  // memLevel 4: the same size for values this small, at about half the time of the default's larger tables. Level 1
  // (fastest): a `hook` run's values pack in 19 µs instead of 52–62 (the default, 6, searches harder from the
  // preset dictionary on every call) for 449 B instead of 419; a 100-node run's in 127 µs instead of 189, no larger.
  // Packing is on every ended run's path, in the event loop; the bytes are a few percent.
  const deflated = deflateRawSync(text, { dictionary: PACK_DICTIONARY_1, memLevel: 4, level: 1 })
  const packed = Buffer.allocUnsafe(deflated.length + 1)
  packed[0] = PACK_FORMAT
  deflated.copy(packed, 1)
  const saved = plain - packed.length
  return saved >= PACK_MIN_SAVED_BYTES && saved >= plain * PACK_MIN_SAVING ? packed : null
}

/** The values of a packed run, parsed; a JSON null stands for a SQL NULL column, as in `packRunValues`. */
export function unpackRunValues(packed: Uint8Array): {
  event: unknown
  output: unknown
  results: unknown
  document: unknown
} {
  const [event, output, results, document] = JSON.parse(inflate(packed)) as unknown[]
  return { event, output: output ?? null, results: results ?? null, document: document ?? null }
}

/** The values of a packed run as the texts of their columns, for a writer that puts the row back as plain. */
export function unpackRunText(packed: Uint8Array): PackedValues {
  const { event, output, results, document } = unpackRunValues(packed)
  return {
    event: JSON.stringify(event),
    output: text(output),
    results: text(results),
    document: text(document),
  }
}

function inflate(packed: Uint8Array): string {
  const format = packed[0]
  if (format !== PACK_FORMAT)
    throw new Error(`a stored run is packed in format ${format}, unknown to this version`)
  return inflateRawSync(packed.subarray(1), { dictionary: PACK_DICTIONARY_1 }).toString()
}

function text(value: unknown): string | null {
  return value === null ? null : JSON.stringify(value)
}
