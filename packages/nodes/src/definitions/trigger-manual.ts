import { z } from 'zod'
import { defineNode } from '../define-node.ts'
import { t } from '../localized.ts'
import { bodySchemaFor, inputSchemaField, validateBody } from './input-schema.ts'
import { outPort } from './ports.ts'
import { TriggerOutput, toTriggerOutput, triggerOutputFor } from './trigger-output.ts'

export const triggerManual = defineNode({
  type: 'trigger.manual',
  version: 1,
  category: 'trigger',
  title: t('手动触发', 'Manual trigger'),
  description: t(
    '在编辑器里点“运行”或通过命令行启动流程，可以先声明需要填写哪些输入。',
    'Starts the flow when you press Run in the editor or use the command line; declare the inputs it asks for.',
  ),
  inputs: [],
  outputs: [outPort],
  config: z.object({ inputSchema: inputSchemaField }),
  output: TriggerOutput,
  outputFor: (config) => triggerOutputFor(bodySchemaFor(config.inputSchema)),
  sideEffects: false,
  async run({ config, event }, ctx) {
    return toTriggerOutput(validateBody(config.inputSchema, event?.body), event, ctx)
  },
})
