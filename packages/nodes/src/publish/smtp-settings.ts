import { z } from 'zod'
import type { NodeContext, SmtpSettings } from '../context.ts'
import { NodeError } from '../errors.ts'
import { isMailAddress } from './mail-address.ts'

const DEFAULT_PORTS = { tls: 465, starttls: 587, none: 25 } as const

// Credential fields are stored as text; this is where they become typed settings.
const SmtpFields = z.object({
  host: z.string().trim().min(1, 'is empty').max(253),
  port: z
    .string()
    .trim()
    .regex(/^\d{0,5}$/, 'is not a port number')
    .default(''),
  secure: z.enum(['tls', 'starttls', 'none']).default('starttls'),
  user: z.string().default(''),
  password: z.string().default(''),
  from: z.string().trim().refine(isMailAddress, 'is not an e-mail address'),
})

/** Opens the `smtp` credential and checks it, naming the field that is wrong and never its value. */
export async function readSmtpSettings(ctx: NodeContext, credentialId: string): Promise<SmtpSettings> {
  const parsed = SmtpFields.safeParse(await ctx.secrets.get(credentialId, 'smtp'))
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    const name = String(issue?.path[0] ?? 'a field')
    throw invalid(`"${name}" ${issue?.message ?? 'is invalid'}`, name)
  }
  const { port: portText, ...fields } = parsed.data
  const port = portText ? Number(portText) : DEFAULT_PORTS[fields.secure]
  if (port < 1 || port > 65535) throw invalid('"port" must be between 1 and 65535', 'port')
  if (fields.user && !fields.password) throw invalid('has a user name but no password', 'password')
  return { ...fields, port }
}

const invalid = (why: string, field: string) =>
  new NodeError('CREDENTIAL_INVALID', `The SMTP credential ${why}`, {
    details: { credentialType: 'smtp', field },
  })
