import { z } from '@hono/zod-openapi'
import type { Localized } from '@zhiliu/nodes'

/**
 * A secret field: `writeOnly` (standard JSON Schema) tells the editor to draw a password input and never expect
 * the value back; the reader registers only these fields with the redactor, so a host or user name stays readable
 * in logs.
 */
export const secret = (
  label: Localized,
  help?: Localized,
  schema: z.ZodType<string> = z.string().min(1).max(8192),
) => schema.meta({ writeOnly: true, ui: { widget: 'text', label, ...(help ? { help } : {}) } })

/** An optional secret: the metadata goes on the optional wrapper, which is what the object's shape holds. */
export const optionalSecret = (
  label: Localized,
  help?: Localized,
  schema: z.ZodType<string> = z.string().max(8192),
) => schema.optional().meta({ writeOnly: true, ui: { widget: 'text', label, ...(help ? { help } : {}) } })

export const plain = <T extends z.ZodType>(schema: T, label: Localized, help?: Localized): T =>
  schema.meta({ ui: { widget: 'text', label, ...(help ? { help } : {}) } })

/** An http(s) address, or empty where the field may be left out. */
export const httpUrl = (message = 'use an http(s) address') =>
  z.url({ protocol: /^https?$/, error: message }).max(2000)

export interface CredentialType<S extends z.ZodObject = z.ZodObject> {
  label: Localized
  description: Localized
  fields: S
  /** The masked hint stored beside the ciphertext. */
  hint(data: z.infer<S>): string
}

export const defineCredentialType = <S extends z.ZodObject>(spec: CredentialType<S>) => spec
