import { MODEL_PROVIDER_TYPE } from '../api/model-providers-api.ts'
import type { FieldProps } from './field-props.ts'
import { CredentialWidget } from './widgets/credential-widget.tsx'
import { DemoScriptWidget } from './widgets/demo-script-widget.tsx'
import { FlowInputsWidget, FlowsWidget, FlowWidget } from './widgets/flow-widgets.tsx'
import { JsonWidget } from './widgets/json-widget.tsx'
import { KeyValueWidget } from './widgets/key-value-widget.tsx'
import { KnowledgeBasesWidget } from './widgets/knowledge-bases-widget.tsx'
import { ListWidget } from './widgets/list-widget.tsx'
import { McpArgumentsWidget, McpToolWidget } from './widgets/mcp-widgets.tsx'
import { MediaWidget } from './widgets/media-widget.tsx'
import { MessagesWidget } from './widgets/messages-widget.tsx'
import { ModelWidget } from './widgets/model-widget.tsx'
import { NumberWidget } from './widgets/number-widget.tsx'
import { ProviderWidget } from './widgets/provider-widget.tsx'
import { SelectWidget } from './widgets/select-widget.tsx'
import { SwitchWidget } from './widgets/switch-widget.tsx'
import { TemplateWidget } from './widgets/template-widget.tsx'
import { ToolSourcesWidget } from './widgets/tool-sources-widget.tsx'

/**
 * The control for one config field, chosen by the definition's `widget` hint. A field without hints (a plugin's)
 * falls back on its JSON Schema type, so every node gets a usable form.
 */
export function FieldControl(props: FieldProps) {
  const widget = props.field.ui?.widget ?? fallbackWidget(props.field.schema.type)
  switch (widget) {
    case 'template':
    case 'textarea':
    case 'expression':
      return <TemplateWidget {...props} multiline />
    case 'select':
      return <SelectWidget {...props} />
    case 'number':
      return <NumberWidget {...props} />
    case 'switch':
      return <SwitchWidget {...props} />
    case 'key-value':
      return <KeyValueWidget {...props} />
    case 'list':
    case 'conditions':
      return <ListWidget {...props} />
    case 'json':
      return <JsonWidget {...props} />
    case 'messages':
      return <MessagesWidget {...props} />
    case 'model':
      return <ModelWidget {...props} />
    case 'knowledge-bases':
      return <KnowledgeBasesWidget {...props} />
    case 'media':
      return <MediaWidget {...props} />
    case 'flow':
      return <FlowWidget {...props} />
    case 'flows':
      return <FlowsWidget {...props} />
    case 'flow-inputs':
      return <FlowInputsWidget {...props} />
    case 'mcp-tool':
      return <McpToolWidget {...props} />
    case 'mcp-arguments':
      return <McpArgumentsWidget {...props} />
    case 'tool-sources':
      return <ToolSourcesWidget {...props} />
    case 'demo-script':
      return <DemoScriptWidget {...props} />
    case 'credential':
      // Model providers have their own page (Settings) and a server default worth naming.
      return props.field.ui?.credentialType === MODEL_PROVIDER_TYPE ? (
        <ProviderWidget {...props} />
      ) : (
        <CredentialWidget {...props} />
      )
    default:
      return <TemplateWidget {...props} multiline={false} />
  }
}

function fallbackWidget(type: unknown): string {
  if (type === 'number' || type === 'integer') return 'number'
  if (type === 'boolean') return 'switch'
  if (type === 'string') return 'text'
  return 'json'
}
