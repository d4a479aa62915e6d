import type { RunDetail } from '../api/runs-api.ts'

/**
 * The pages a run published (a publish step's `url` on this server, `/p/…`), as absolute links: what an editor who
 * just approved a draft wants to open next.
 */
export function publishedPagesIn(run: Pick<RunDetail, 'nodes'>, origin: string): string[] {
  const links: string[] = []
  for (const node of run.nodes) {
    const output = node.output as { url?: unknown } | undefined
    if (node.status !== 'succeeded' || typeof output?.url !== 'string') continue
    if (/^\/p\/\S+$/.test(output.url)) links.push(new URL(output.url, origin).href)
  }
  return links
}

/** Whether the run is still on its way (its published pages may still come). */
export const stillGoing = (run: Pick<RunDetail, 'status'>) =>
  run.status === 'running' || run.status === 'queued'
