import type { ExpressionOptions, TemplateScope } from '@zhiliu/nodes/evaluate'

/** What crosses to a worker thread: plain data only (node outputs, bindings, limits), copied by structured clone. */
export type ExpressionJob =
  | { kind: 'jsonata'; expression: string; input: unknown; options: ExpressionOptions }
  | { kind: 'template'; source: string; scope: TemplateScope }

export type WorkerReply =
  | { id: number; ok: true; value: unknown }
  | { id: number; ok: false; error: { code: string; message: string; details?: unknown } }
