import { request } from './request.ts'

/** Per million tokens; media models billed otherwise add their unit (per picture, million characters, minute). */
export interface TokenPrice {
  input: number
  output: number
  image?: number
  speechMillionChars?: number
  audioMinute?: number
}

/** The units a media model may be billed by, besides tokens. */
export const MEDIA_UNITS = ['image', 'speechMillionChars', 'audioMinute'] as const
export type MediaUnit = (typeof MEDIA_UNITS)[number]

/** One row of `GET /api/model-prices`. */
export interface ModelPriceView {
  model: string
  cny: TokenPrice
  usd: TokenPrice
  /** Set on this server; otherwise the built-in price. */
  custom: boolean
  /** What removing the custom price goes back to; null for a model the built-in table does not know. */
  builtin: { cny: TokenPrice; usd: TokenPrice } | null
  updatedAt: number | null
}

/** A price to set: in one currency (the server converts the other) or both. */
export interface NewModelPrice {
  model: string
  cny?: TokenPrice
  usd?: TokenPrice
}

export const listModelPrices = () =>
  request<{ items: ModelPriceView[] }>('GET', '/api/model-prices').then((r) => r.items)
export const setModelPrice = (price: NewModelPrice) =>
  request<ModelPriceView>('PUT', '/api/model-prices', price)
export const resetModelPrice = (model: string) =>
  request<void>('DELETE', `/api/model-prices?model=${encodeURIComponent(model)}`)
