import type { ServerConfig } from '../config.ts'

/**
 * Where hosted feeds and pages are read. With ZHILIU_PUBLIC_URL the addresses are absolute; without it a run only
 * knows the path (there is no request to take a host from), while the routes themselves use the request's origin.
 */
export function publishUrls(base: string) {
  const root = base.replace(/\/+$/, '')
  return {
    page: (slug: string) => `${root}/p/${encodeURIComponent(slug)}`,
    rss: (feed: string) => `${root}/feeds/${encodeURIComponent(feed)}.xml`,
    atom: (feed: string) => `${root}/feeds/${encodeURIComponent(feed)}.atom`,
  }
}

export const configuredBase = (config: Pick<ServerConfig, 'publicUrl'>) => config.publicUrl ?? ''
