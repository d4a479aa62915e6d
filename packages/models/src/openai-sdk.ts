type Sdk = typeof import('openai')

let loading: Promise<Sdk> | undefined
let loaded: Sdk | undefined

/**
 * The openai SDK, imported on the first call to a provider: ≈ 150 modules and ≈ 10 MB that a server whose flows
 * call no model (or only the offline demo model) never needs at start-up.
 */
export function loadOpenAI(): Promise<Sdk> {
  loading ??= import('openai').then((sdk) => {
    loaded = sdk
    return sdk
  })
  return loading
}

type ErrorName =
  | 'APIError'
  | 'APIConnectionError'
  | 'APIConnectionTimeoutError'
  | 'AuthenticationError'
  | 'PermissionDeniedError'
  | 'NotFoundError'

/**
 * Whether `err` is one of the SDK's error classes. Until a call has loaded the SDK nothing can have thrown one, so
 * the check needs no import of its own.
 */
export function isOpenAIError<Name extends ErrorName>(
  err: unknown,
  name: Name,
): err is InstanceType<Sdk[Name]> {
  return loaded !== undefined && err instanceof loaded[name]
}
