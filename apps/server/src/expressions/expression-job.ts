import type { ExpressionOptions, TemplateScope } from '@zhiliu/nodes/evaluate'

/** What crosses to a worker thread: plain data only (node outputs, bindings, limits), copied by structured clone. */
export type ExpressionJob =
  | { kind: 'jsonata'; expression: string; input: unknown; options: ExpressionOptions }
  | { kind: 'template'; source: string; scope: TemplateScope }

/** `ms`: how long the evaluation itself ran on the worker, measured there (no copying, no waiting for the thread). */
export type WorkerReply =
  | { id: number; ms: number; ok: true; value: unknown }
  | { id: number; ms: number; ok: false; error: { code: string; message: string; details?: unknown } }
