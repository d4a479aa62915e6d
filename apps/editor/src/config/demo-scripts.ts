import { type Localized, t } from '@zhiliu/nodes'
import type { FlowTemplate } from '../flows/flow-templates.ts'

/** The offline demo model's own scripts (packages/models/src/demo-answers.ts), which no template names. */
const BUILTIN: Record<string, Localized> = {
  summarize: t('摘要', 'Summary'),
  titles: t('拟标题', 'Headlines'),
  translate: t('翻译', 'Translation'),
}

/**
 * What a demo script (`demoKey`, e.g. `press-release-rewrite`) is called on screen: the title of the template whose
 * steps use it (通稿改写), since each template brings its scripted answers; the demo model's built-in ones by what
 * they do. A key neither knows has no name (the form shows the key).
 */
export function demoScriptNames(templates: readonly FlowTemplate[]): Map<string, Localized> {
  const names = new Map(Object.entries(BUILTIN))
  for (const template of templates) {
    if (!template.title) continue
    for (const node of template.flow.nodes) {
      const key = (node.config as { demoKey?: unknown }).demoKey
      if (typeof key === 'string' && !names.has(key)) names.set(key, template.title)
    }
  }
  return names
}
