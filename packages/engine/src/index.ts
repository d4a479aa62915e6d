export { createFlowGraph, type FlowGraph } from './flow-graph.ts'
export { DEFAULT_OUTPUT_LIMITS, MAX_OUTPUT_DEPTH, type OutputLimits } from './measure-output.ts'
export { createMemoryRunStore, type MemoryRun, type MemoryRunStore } from './memory-run-store.ts'
export type { PausePoint, PauseRules } from './pause-rules.ts'
export { createInProcessEventBus, type RunEventBus } from './run-event-bus.ts'
export type * from './run-events.ts'
export { runFlow } from './run-flow.ts'
export type * from './run-options.ts'
export {
  createInProcessQueue,
  type RunJob,
  RunJobDeferred,
  type RunJobHandler,
  type RunQueue,
  type RunQueueCounts,
} from './run-queue.ts'
export type * from './run-store.ts'
export { isEnded, isPaused } from './run-store.ts'
export {
  type FlowProblem,
  type ValidateOptions,
  type ValidationResult,
  validateFlow,
} from './validate-flow.ts'
export { describeTemplateError } from './validation/describe-template-error.ts'
export { formatProblem, formatProblems } from './validation/format-problems.ts'
export { type ProblemCode, problemTexts } from './validation/problem-texts.ts'
