import { request } from './request.ts'

/** Per million tokens; `image` per generated picture, for image models billed that way. */
export interface TokenPrice {
  input: number
  output: number
  image?: number
}

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
