import type { ServerResponse } from 'node:http'

/** The error body shape OpenAI sends (and the compatible providers copy), so SDK error parsing is exercised. */
export function sendError(
  res: ServerResponse,
  status: number,
  error: { message: string; type: string; code: string | null; param?: string | null },
  headers: Record<string, string> = {},
): void {
  const body = JSON.stringify({ error: { param: null, ...error } })
  res.writeHead(status, { 'content-type': 'application/json', ...headers })
  res.end(body)
}

export function sendBadKey(res: ServerResponse, key: string): void {
  // Real providers echo a masked key; a test can check the real key never comes back in full.
  const masked = key.length > 8 ? `${key.slice(0, 3)}****${key.slice(-2)}` : '****'
  sendError(res, 401, {
    message: `Incorrect API key provided: ${masked}. You can find your API key in your account settings.`,
    type: 'invalid_request_error',
    code: 'invalid_api_key',
  })
}

export function sendUnknownModel(res: ServerResponse, model: string): void {
  sendError(res, 404, {
    message: `The model \`${model}\` does not exist or you do not have access to it.`,
    type: 'invalid_request_error',
    code: 'model_not_found',
  })
}

export function sendRateLimited(res: ServerResponse, retryAfter: string | undefined): void {
  sendError(
    res,
    429,
    {
      message: 'Rate limit reached for requests. Please try again later.',
      type: 'requests',
      code: 'rate_limit_exceeded',
    },
    retryAfter === undefined ? {} : { 'retry-after': retryAfter },
  )
}

export function sendServerError(res: ServerResponse, status = 500): void {
  sendError(res, status, {
    message: 'The server had an error while processing your request. Sorry about that!',
    type: 'server_error',
    code: null,
  })
}

export function sendInvalidRequest(res: ServerResponse, message: string): void {
  sendError(res, 400, { message, type: 'invalid_request_error', code: null })
}
