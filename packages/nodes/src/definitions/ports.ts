import type { PortSpec } from '../define-node.ts'
import { t } from '../localized.ts'

/** The single input and output port most nodes have; shared so every node labels them the same way. */
export const inPort: PortSpec = { name: 'in', label: t('输入', 'Input') }
export const outPort: PortSpec = { name: 'out', label: t('输出', 'Output') }
