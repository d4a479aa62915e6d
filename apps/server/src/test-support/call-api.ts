/** Anything with Hono's in-process `request` (an app from `createApp`). */
export interface RequestTarget {
  request(input: string, init?: RequestInit): Response | Promise<Response>
}

export interface ApiResult {
  status: number
  /** The parsed JSON body, or the text when the body is not JSON, or null when empty. */
  body: unknown
  res: Response
}

/** One in-process request; `body` is sent as JSON unless it is already a string. */
export async function callApi(
  app: RequestTarget,
  method: string,
  path: string,
  options: { headers?: Record<string, string>; body?: unknown } = {},
): Promise<ApiResult> {
  const headers: Record<string, string> = { ...options.headers }
  let body: string | undefined
  if (options.body !== undefined) {
    body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body)
    headers['content-type'] ??= 'application/json'
  }
  const res = await app.request(path, { method, headers, body })
  const text = await res.text()
  let parsed: unknown = text === '' ? null : text
  if (res.headers.get('content-type')?.includes('json') && text !== '') parsed = JSON.parse(text)
  return { status: res.status, body: parsed, res }
}
