import { useSyncExternalStore } from 'react'

/**
 * The pages of the editor. Hash routing: the server needs no knowledge of client paths, and a bookmarked or
 * reloaded address (`#/flows/abc`) always lands on the same page.
 */
export type Route =
  | { page: 'setup' }
  | { page: 'login' }
  | { page: 'flows' }
  | { page: 'editor'; flowId: string; runId?: string }
  /** A chat app's conversations. */
  | { page: 'conversations'; flowId: string }
  | { page: 'runs'; flowId?: string; status?: string }
  /** One run by its id alone (a called flow's run, the run that called it): opens on its flow's canvas. */
  | { page: 'run'; runId: string }
  | { page: 'credentials' }
  | { page: 'settings' }
  | { page: 'approvals'; runId?: string }
  | { page: 'classroom' }
  | { page: 'demo' }
  | { page: 'knowledge' }

export function parseRoute(hash: string): Route {
  const [path = '', query = ''] = hash.replace(/^#/, '').split('?')
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent)
  const params = new URLSearchParams(query)
  const [first, second, third, fourth] = parts
  if (first === 'setup') return { page: 'setup' }
  if (first === 'login') return { page: 'login' }
  if (first === 'flows' && second) {
    if (third === 'conversations') return { page: 'conversations', flowId: second }
    return third === 'runs' && fourth
      ? { page: 'editor', flowId: second, runId: fourth }
      : { page: 'editor', flowId: second }
  }
  if (first === 'runs' && second) return { page: 'run', runId: second }
  if (first === 'runs') {
    const flowId = params.get('flow') ?? undefined
    const status = params.get('status') ?? undefined
    return { page: 'runs', ...(flowId ? { flowId } : {}), ...(status ? { status } : {}) }
  }
  if (first === 'credentials') return { page: 'credentials' }
  if (first === 'settings') return { page: 'settings' }
  if (first === 'approvals') {
    const runId = params.get('run') ?? undefined
    return { page: 'approvals', ...(runId ? { runId } : {}) }
  }
  if (first === 'classroom') return { page: 'classroom' }
  if (first === 'demo') return { page: 'demo' }
  if (first === 'knowledge') return { page: 'knowledge' }
  return { page: 'flows' }
}

export function hrefFor(route: Route): string {
  const e = encodeURIComponent
  switch (route.page) {
    case 'editor':
      return route.runId ? `#/flows/${e(route.flowId)}/runs/${e(route.runId)}` : `#/flows/${e(route.flowId)}`
    case 'conversations':
      return `#/flows/${e(route.flowId)}/conversations`
    case 'runs': {
      const params = new URLSearchParams()
      if (route.flowId) params.set('flow', route.flowId)
      if (route.status) params.set('status', route.status)
      const query = params.toString()
      return query ? `#/runs?${query}` : '#/runs'
    }
    case 'run':
      return `#/runs/${e(route.runId)}`
    case 'approvals':
      return route.runId ? `#/approvals?run=${e(route.runId)}` : '#/approvals'
    default:
      return `#/${route.page}`
  }
}

export function navigate(route: Route, options: { replace?: boolean } = {}): void {
  const href = hrefFor(route)
  if (options.replace) window.location.replace(href)
  else window.location.hash = href
}

const subscribe = (onChange: () => void) => {
  window.addEventListener('hashchange', onChange)
  return () => window.removeEventListener('hashchange', onChange)
}

/** The current route; re-renders on every hash change. */
export function useRoute(): Route {
  const hash = useSyncExternalStore(subscribe, () => window.location.hash)
  return parseRoute(hash)
}
