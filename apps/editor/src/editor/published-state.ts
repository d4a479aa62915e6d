import { create } from 'zustand'
import type { FlowSummary } from '../api/flows-api.ts'

type Published = Pick<FlowSummary, 'publishedVersion' | 'publishedRevision'>

/** Whether the draft differs from the published version: a version is live and the draft moved on since. */
export function hasUnpublishedChanges(flow: Published & { updatedAt: number | undefined }): boolean {
  return flow.publishedVersion !== null && flow.publishedRevision !== flow.updatedAt
}

/** The open flow's published version, as last loaded (on opening it, after publishing or rolling back). */
export const usePublished = create<Published>()(() => ({ publishedVersion: null, publishedRevision: null }))

export const adoptPublished = ({ publishedVersion, publishedRevision }: Published) =>
  usePublished.setState({ publishedVersion, publishedRevision })
