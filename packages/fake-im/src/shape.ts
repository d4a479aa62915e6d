export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

export const isText = (value: unknown): value is string => typeof value === 'string' && value.length > 0

export const isOptionalText = (value: unknown): boolean => value === undefined || typeof value === 'string'

export const isTextList = (value: unknown): boolean =>
  value === undefined || (Array.isArray(value) && value.every((item) => typeof item === 'string'))

export const utf8Bytes = (text: string): number => Buffer.byteLength(text, 'utf8')
