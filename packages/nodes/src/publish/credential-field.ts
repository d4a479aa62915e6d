import { z } from 'zod'
import type { Localized } from '../localized.ts'
import { field } from '../ui-hints.ts'

/** The credential picker of a bot node: the bot's webhook address holds its key, so it is never plain config. */
export const botCredentialField = (credentialType: string, label: Localized, help: Localized) =>
  field(z.string().min(1, 'choose the bot credential').max(200), {
    widget: 'credential',
    credentialType,
    demoReceiver: true,
    label,
    help,
  })
