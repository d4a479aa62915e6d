import { useTranslation } from 'react-i18next'
import { useEditor } from '../editor/editor-store.ts'
import { LabelledSwitch } from '../ui/labelled-switch.tsx'

/** The flow's `mcpTool` setting, in the publish dialog: a published version with it on is a tool at /mcp. */
export function FlowMcpField() {
  const { t } = useTranslation()
  const on = useEditor((s) => s.meta.settings.mcpTool === true)
  const setFlowSettings = useEditor((s) => s.setFlowSettings)
  return (
    <div data-testid="flow-mcp-tool">
      <h3>{t('mcpTool.title')}</h3>
      <LabelledSwitch checked={on} onChange={(checked) => setFlowSettings({ mcpTool: checked || undefined })}>
        {t('mcpTool.label')}
      </LabelledSwitch>
      <p className="panel__note">{t('mcpTool.help')}</p>
    </div>
  )
}
