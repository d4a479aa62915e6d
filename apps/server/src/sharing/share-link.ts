import { randomBytes } from 'node:crypto'
import type { FlowShare } from '@zhiliu/db'

/** 128 random bits, URL-safe: short enough to keep the QR code coarse (easy to scan from far), long enough to never be guessed. */
export const newShareToken = (): string => randomBytes(16).toString('base64url')

export const sharePath = (token: string): string => `/s/${token}`

/**
 * The link as the dialog shows it: its address on `origin`, and a QR code of it as SVG. Error correction M and a
 * four-module quiet zone (the standard's) keep it readable on a projector at an angle.
 */
export async function describeShare(share: FlowShare, origin: string, origins: string[]) {
  const url = `${origin}${sharePath(share.token)}`
  // Loaded with the first share shown (qrcode and pngjs, ≈ 60 modules), not at start.
  const { default: QRCode } = await import('qrcode')
  const qrSvg = await QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 4 })
  return {
    url,
    qrSvg,
    token: share.token,
    expiresAt: share.expiresAt,
    createdAt: share.createdAt,
    addresses: origins,
  }
}
