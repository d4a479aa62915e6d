import { useTranslation } from 'react-i18next'
import { useEditor } from '../editor/editor-store.ts'
import { findTrigger, type TriggerField, triggerFields } from '../run/trigger-fields.ts'
import { curlCommand } from './curl-command.ts'

function exampleValue(f: TriggerField, sample: string): unknown {
  switch (f.type) {
    case 'number':
      return 1
    case 'boolean':
      return true
    case 'object':
      return {}
    case 'array':
      return []
    default:
      return sample
  }
}

/**
 * How another system calls this flow: its webhook address (the published version answers there), a sample body
 * from the trigger's declared inputs and a curl command; undefined when the flow does not start from a webhook.
 */
export function useWebhookCall(flowId: string) {
  const { t } = useTranslation()
  const trigger = findTrigger(useEditor.getState().nodes)
  if (trigger?.data.type !== 'trigger.webhook') return undefined
  const config = trigger.data.config ?? {}
  const custom = typeof config.path === 'string' && config.path ? config.path : undefined
  // A custom path lives under /hooks/p/ so that it can never be mistaken for a flow id.
  const url = `${window.location.origin}/hooks/${custom ? `p/${encodeURIComponent(custom)}` : encodeURIComponent(flowId)}`
  const body = Object.fromEntries(
    triggerFields(config).map((f) => [f.name, exampleValue(f, t('webhook.sampleText'))]),
  )
  return { config, url, body, curl: curlCommand(url, body) }
}
