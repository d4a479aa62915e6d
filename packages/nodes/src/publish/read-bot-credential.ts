import type { NodeContext } from '../context.ts'
import { NodeError } from '../errors.ts'

export interface BotCredentialSpec {
  /** The credential type, e.g. `dingtalk.bot`. */
  type: string
  /** Shown in messages. */
  name: string
  /** The query parameter or path part that carries the bot's key, checked before anything is sent. */
  keyIn: { query: string } | { pathAfter: string }
  /** Builds the address from other fields when `webhookUrl` is absent (WeCom: the bare `key`). */
  urlFrom?: (fields: Record<string, string>) => string | undefined
}

export interface BotCredential {
  url: URL
  /** The signing secret (DingTalk 加签, Feishu 签名校验), when the bot has that security setting on. */
  secret: string | undefined
}

/**
 * A bot's webhook address holds its key, so it lives in a credential, never in plain config; messages here name
 * the credential type and never repeat the address.
 */
export async function readBotCredential(
  ctx: NodeContext,
  credentialId: string,
  spec: BotCredentialSpec,
): Promise<BotCredential> {
  const fields = await ctx.secrets.get(credentialId, spec.type)
  const raw = fields.webhookUrl?.trim() || spec.urlFrom?.(fields)
  const invalid = (why: string) =>
    new NodeError('CREDENTIAL_INVALID', `The ${spec.name} bot credential ${why}`, {
      details: { credentialType: spec.type },
    })
  if (!raw) throw invalid('has no webhook address (webhookUrl)')
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    throw invalid('holds a webhook address that is not a web address')
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw invalid('must hold an https:// address')
  const hasKey =
    'query' in spec.keyIn
      ? Boolean(url.searchParams.get(spec.keyIn.query))
      : url.pathname.split(spec.keyIn.pathAfter)[1]?.replace(/\/$/, '')
  if (!hasKey) throw invalid("holds an address without the bot's key; copy the whole webhook address again")
  const secret = fields.secret?.trim() || undefined
  return { url, secret }
}
