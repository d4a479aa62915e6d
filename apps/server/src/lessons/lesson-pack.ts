import { z } from '@hono/zod-openapi'
import { RecordingFile } from '@zhiliu/models'
import { FlowDocument } from '../flows/flow-views.ts'

/** How many flows one pack carries: a course day, not a whole library. */
export const MAX_PACK_FLOWS = 50

export const LessonFlow = z.object({
  document: FlowDocument,
  sampleInput: z.unknown().optional().openapi({
    description: "The input of the flow's latest successful manual run: what the class runs it with",
  }),
  // `.meta`, not `.openapi`: RecordingFile is built by @zhiliu/models, maybe before zod-openapi extends zod.
  answers: RecordingFile.meta({
    description:
      'What the models answered its manual runs, keyed by a hash of each request (record & replay)',
  }),
})

/**
 * A lesson pack (课程包): flows with their sample inputs and recorded model answers, as one file. Imported on another
 * Zhiliu, each flow runs offline: a request the recording holds is answered from it. Credentials, webhook secrets and
 * run history stay behind; a node's `provider` names a credential only by id.
 */
export const LessonPack = z
  .object({
    format: z.literal('zhiliu.lesson-pack'),
    version: z.literal(1),
    title: z.string().max(200),
    exportedAt: z.string(),
    flows: z.array(LessonFlow).min(1).max(MAX_PACK_FLOWS),
  })
  .openapi('LessonPack')
export type LessonPack = z.infer<typeof LessonPack>
