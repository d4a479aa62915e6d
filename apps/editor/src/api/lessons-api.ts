import { request } from './request.ts'

export interface ImportedLessonFlow {
  id: string
  name: string
  sampleInput?: unknown
  recordedAnswers: number
}

/** Flows with their sample inputs and recorded model answers, as one lesson pack file. */
export const exportLessonPack = (flowIds: string[], title?: string) =>
  request<unknown>('POST', '/api/lesson-packs/export', { flowIds, ...(title ? { title } : {}) })

export const importLessonPack = (data: unknown) =>
  request<{ flows: ImportedLessonFlow[] }>('POST', '/api/lesson-packs/import', data)
