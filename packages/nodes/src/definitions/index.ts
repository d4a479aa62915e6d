import type { AnyNodeDefinition } from '../define-node.ts'
import { aiAgent } from './ai-agent.ts'
import { aiChat } from './ai-chat.ts'
import { aiClassify } from './ai-classify.ts'
import { aiExtract } from './ai-extract.ts'
import { aiImage } from './ai-image.ts'
import { aiSpeech } from './ai-speech.ts'
import { aiStructured } from './ai-structured.ts'
import { aiTranscribe } from './ai-transcribe.ts'
import { aiVision } from './ai-vision.ts'
import { dataParseJson } from './data-parse-json.ts'
import { dataSet } from './data-set.ts'
import { dataTransform } from './data-transform.ts'
import { flowApproval } from './flow-approval.ts'
import { flowCall } from './flow-call.ts'
import { flowRespond } from './flow-respond.ts'
import { httpRequest } from './http-request.ts'
import { kbRetrieve } from './kb-retrieve.ts'
import { logicForEach } from './logic-for-each.ts'
import { logicIf } from './logic-if.ts'
import { logicMerge } from './logic-merge.ts'
import { logicSwitch } from './logic-switch.ts'
import { mcpCall } from './mcp-call.ts'
import { publishDingtalk } from './publish-dingtalk.ts'
import { publishEmail } from './publish-email.ts'
import { publishFeed } from './publish-feed.ts'
import { publishFeishu } from './publish-feishu.ts'
import { publishFile } from './publish-file.ts'
import { publishPage } from './publish-page.ts'
import { publishWebhook } from './publish-webhook.ts'
import { publishWecom } from './publish-wecom.ts'
import { textJoin } from './text-join.ts'
import { textSafetyCheck } from './text-safety-check.ts'
import { textSplit } from './text-split.ts'
import { textTemplate } from './text-template.ts'
import { triggerChat } from './trigger-chat.ts'
import { triggerManual } from './trigger-manual.ts'
import { triggerSchedule } from './trigger-schedule.ts'
import { triggerWebhook } from './trigger-webhook.ts'
import { utilDelay } from './util-delay.ts'

/**
 * Every built-in node, each version that flows may still reference. The one list: the engine's lookup, the editor's
 * palette, the API's catalogue and the docs all derive from it. Palette order follows this order.
 */
export const builtinNodes: readonly AnyNodeDefinition[] = [
  triggerManual,
  triggerWebhook,
  triggerSchedule,
  triggerChat,
  aiChat,
  aiAgent,
  aiStructured,
  aiClassify,
  aiExtract,
  aiVision,
  aiImage,
  aiSpeech,
  aiTranscribe,
  kbRetrieve,
  textTemplate,
  textSplit,
  textJoin,
  textSafetyCheck,
  dataSet,
  dataParseJson,
  dataTransform,
  logicIf,
  logicSwitch,
  logicMerge,
  logicForEach,
  utilDelay,
  httpRequest,
  mcpCall,
  publishWebhook,
  publishWecom,
  publishDingtalk,
  publishFeishu,
  publishEmail,
  publishPage,
  publishFeed,
  publishFile,
  flowApproval,
  flowRespond,
  flowCall,
]
