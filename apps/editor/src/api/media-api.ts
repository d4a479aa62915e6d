import { sendFile } from './request.ts'

/** What `POST /api/media` answers: the stored file, at an address that lasts. */
export interface UploadedMedia {
  id: string
  url: string
  mimeType: string
  bytes: number
}

/** The server's limits, checked here too so a person hears at once rather than after sending 30 MB. */
export const UPLOAD_LIMITS = { 'image/*': 20 * 1024 * 1024, 'audio/*': 25 * 1024 * 1024 } as const
export type UploadKind = keyof typeof UPLOAD_LIMITS

// What the server stores: raster images and audio, never SVG.
const TYPES: Record<UploadKind, RegExp> = {
  'image/*': /^image\/(png|jpeg|jpg|webp|gif)$/,
  'audio/*': /^audio\/[\w.+-]+$/,
}

/** Why a picked file cannot be uploaded to a field taking `accept`, as an i18n key; undefined when it can. */
export function uploadProblem(
  file: { type: string; size: number },
  accept: UploadKind,
): 'form.uploadWrongType' | 'form.uploadTooLarge' | undefined {
  if (!TYPES[accept].test(file.type.toLowerCase())) return 'form.uploadWrongType'
  if (file.size > UPLOAD_LIMITS[accept]) return 'form.uploadTooLarge'
  return undefined
}

export const uploadMedia = (file: Blob) => sendFile<UploadedMedia>('/api/media', file)
