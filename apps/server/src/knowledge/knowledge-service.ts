import type { Access, KnowledgeBase } from '@zhiliu/db'
import type { AppDeps } from '../app-deps.ts'
import { ApiError } from '../http/api-error.ts'
import { createProviderFetches } from '../models/create-provider-fetches.ts'
import { createGuardedFetch } from '../outbound/create-guarded-fetch.ts'
import type { Embed } from './embed.ts'
import { createEmbedderFor } from './knowledge-embedder.ts'
import { createRerankerFor } from './knowledge-reranker.ts'
import { MAX_DOCUMENT_BYTES } from './parse-document.ts'
import { processDocument } from './process-document.ts'
import { type FoundChunk, type SearchRequest, searchKnowledgeBases } from './search-knowledge-bases.ts'

export type KnowledgeDeps = Pick<
  AppDeps,
  'store' | 'secretBox' | 'redactor' | 'models' | 'logger' | 'now' | 'config'
>

/** Knowledge bases for the whole process: the search, and the worker that processes uploaded documents. */
export interface KnowledgeService {
  search(request: SearchRequest): Promise<{ chunks: FoundChunk[]; missing: string[] }>
  /** Starts the worker; documents left unfinished by any process (a crash, a restart) are picked up too. */
  start(): void
  /** A document was stored: look for work now rather than at the next poll. */
  wake(): void
  /** A web page (or a PDF) by its address, through the outbound guard: no private or local addresses. */
  fetchPage(url: string): Promise<{ bytes: Uint8Array; mimeType: string; name: string }>
  close(): Promise<void>
}

/** A document's lease: a process that died mid-way leaves it to another after this long. */
const LEASE_MS = 5 * 60_000

export function createKnowledgeService(deps: KnowledgeDeps, pollMs = 2000): KnowledgeService {
  const fetches = createProviderFetches({ allowHosts: deps.config.allowHosts })
  const embedderFor = createEmbedderFor(deps, fetches)
  const embedFor = (kb: KnowledgeBase): Promise<Embed> => embedderFor(kb)
  const rerankFor = createRerankerFor(deps, fetches)
  const embedForKb = async (kbId: string) => {
    const kb = await deps.store.getKnowledgeBase(ALL, kbId)
    if (!kb) throw new Error('the knowledge base was deleted')
    return embedFor(kb)
  }
  const pageFetch = createGuardedFetch({
    allowHosts: deps.config.allowHosts,
    maxResponseBytes: MAX_DOCUMENT_BYTES,
    timeoutMs: 30_000,
  })
  let timer: NodeJS.Timeout | undefined
  let running: Promise<void> | undefined
  let closed = false
  let again = false

  const drain = async () => {
    for (;;) {
      const work = await deps.store.claimKbDocument(deps.now(), LEASE_MS)
      if (!work || closed) return
      await processDocument(deps.store, work, embedForKb, deps.now)
    }
  }
  const tick = () => {
    if (closed) return
    if (running) {
      again = true
      return
    }
    running = drain()
      .catch((err: unknown) => deps.logger.warn({ err }, 'knowledge base worker: a pass failed'))
      .finally(() => {
        running = undefined
        if (again && !closed) {
          again = false
          tick()
        }
      })
  }
  return {
    search: (request) => searchKnowledgeBases({ store: deps.store, embedFor, rerankFor }, request),
    start() {
      if (timer || closed) return
      timer = setInterval(tick, pollMs)
      timer.unref()
      tick()
    },
    wake: () => {
      if (timer) tick()
    },
    async fetchPage(url) {
      let res: Response
      try {
        res = await pageFetch(url, { redirect: 'follow' })
      } catch (err) {
        throw new ApiError(400, 'DOCUMENT_URL_FAILED', `Could not fetch ${url}: ${(err as Error).message}`, {
          field: 'url',
        })
      }
      if (!res.ok) {
        throw new ApiError(400, 'DOCUMENT_URL_FAILED', `${url} answered ${res.status}`, {
          field: 'url',
          status: res.status,
        })
      }
      const mimeType = (res.headers.get('content-type') ?? 'text/html').split(';')[0]?.trim() || 'text/html'
      const bytes = new Uint8Array(await res.arrayBuffer())
      const { hostname, pathname } = new URL(url)
      const last = pathname.split('/').filter(Boolean).at(-1)
      const name = (last ? `${hostname}/${decodeURIComponent(last)}` : hostname).slice(0, 200)
      const withExt = /\.(html?|pdf|txt|md)$/i.test(name)
        ? name
        : `${name}${mimeType === 'application/pdf' ? '.pdf' : '.html'}`
      return { bytes, mimeType, name: withExt }
    },
    async close() {
      closed = true
      if (timer) clearInterval(timer)
      await running
      await fetches.close()
      await pageFetch.close()
    },
  }
}

/** The worker acts for every owner: it reads the knowledge base of whichever document it claimed. */
const ALL: Access = { userId: '', all: true }
