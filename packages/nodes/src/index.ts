export { toolSourcesFrom } from './agent-tool-sources.ts'
// The server wakes a flow.call waiting on a child run by the payload the node suspended with.
export { CalledFlowWait } from './called-flow-wait.ts'
export { buildCatalogue, type CatalogueEntry, type NodeCatalogue } from './catalogue.ts'
export type * from './context.ts'
export * from './define-node.ts'
// The editor's run view shows an agent's recorded steps (its output's `steps`) by the loop's own type.
export type { AgentStep } from './definitions/ai-agent-loop.ts'
// The server reads a waiting approval's request and records its decision with the node's own schemas.
export { APPROVAL_TYPE, ApprovalDecision, ApprovalRequest } from './definitions/flow-approval.ts'
export { builtinNodes } from './definitions/index.ts'
// The server checks a webhook or manual run's body before registering the run, with the trigger's own rules.
export {
  bodySchemaFor,
  flowInputFields,
  type InputField,
  inputJsonSchema,
  validateBody,
} from './definitions/input-schema.ts'
// The chat route reads a chat app's settings and builds its trigger event with the node's own schemas.
export { ChatHistory, ChatSettings } from './definitions/trigger-chat.ts'
export * from './errors.ts'
export {
  EXPRESSION_LIMITS,
  type ExpressionOptions,
  evaluateExpression,
} from './expression/evaluate-expression.ts'
// The server's budgeted evaluator answers the small expressions here before it times or pools anything.
export { evaluateQuickly, NOT_QUICK } from './expression/evaluate-quickly.ts'
export { inThreadExpressions, isTimeLimit } from './expression/expression-evaluator.ts'
// The validator parses every expression field before a flow can be published or run.
export { parseExpression } from './expression/parse-expression.ts'
// Nodes, the model gateway and the publishers rethrow a failure the outbound guard decided is final.
export { findFinalError } from './find-final-error.ts'
export * from './flow.ts'
export * from './localized.ts'
// The server and the CLI keep generated media by the same rules the nodes label it with.
export {
  checkMediaType,
  MEDIA_TYPES,
  type MediaType,
  mediaTypeOfExtension,
  mediaTypeOfId,
  newMediaId,
  normalMediaType,
  sniffMediaType,
} from './media/media-types.ts'
// The editor names a node's output fields in the variable picker and on the node cards.
export { outputFieldLabels } from './output-labels.ts'
// The server finds a hosted page or feed by the same slug rules the publish nodes wrote it under.
export { DEMO_RECEIVER } from './publish/demo-receiver.ts'
export { toSlug } from './publish/slug.ts'
export { createRegistry, type NodeRegistry } from './registry.ts'
export { TEMPLATE_LIMITS } from './template/liquid-engine.ts'
export { templateBuildsRange } from './template/parse-template.ts'
export { renderConfig } from './template/render-config.ts'
export { renderConfigWith } from './template/render-config-with.ts'
export { renderTemplate, type TemplateScope } from './template/render-template.ts'
export { configRefs, type TemplateRef, templateRefs } from './template/template-refs.ts'
export * from './ui-hints.ts'
