import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { checkFilePath, fileContent, markdownPage, writeInsideFolder } from '@zhiliu/documents'
import { type FileReceipt, NodeError, type PageReceipt, type Publisher, toSlug } from '@zhiliu/nodes'
import { oncePerKey } from './once-per-key.ts'

/**
 * `ctx.publish` for `zhiliu run`: files and pages land in an output folder on this machine (`files/…`, `pages/<slug>
 * .html`), written by the same safe writer and sanitiser as the server's, so a flow that ends in a report or a page
 * runs end to end in class without a server. Feeds and e-mail need the server (a hosted address, SMTP credentials)
 * and are refused with a message that says so.
 */
export function createLocalPublisher(outDir: string, now: () => number = Date.now): Publisher {
  const fileOnce = oncePerKey<FileReceipt>()
  const pageOnce = oncePerKey<PageReceipt>()
  return {
    writeFile: (file) =>
      fileOnce(file.key, async () => {
        const segments = checkFilePath(file.folder.trim(), file.filename)
        const written = await writeInsideFolder(
          join(outDir, 'files'),
          segments,
          file.filename,
          fileContent(file),
        )
        return { ...written, duplicate: false }
      }),
    putPage: (page) =>
      pageOnce(page.key, async () => {
        const slug = toSlug(page.slug)
        if (!slug) {
          throw new NodeError('PUBLISH_CONTENT_INVALID', 'The page address has no letters or digits', {
            details: { field: 'slug' },
          })
        }
        const at = now()
        const html = markdownPage({ title: page.title, body: page.body, updatedAt: at })
        const written = await writeInsideFolder(join(outDir, 'pages'), [], `${slug}.html`, html)
        const url = pathToFileURL(join(outDir, 'pages', written.path)).href
        return { slug, url, updatedAt: new Date(at).toISOString(), duplicate: false }
      }),
    addFeedItem: () => serverOnly('A feed is hosted by the server at /feeds/<name>.xml'),
    sendMail: () => serverOnly('E-mail goes out through an SMTP credential kept on the server'),
    sendDemo: () => serverOnly('The demo receiver (演示接收端) shows messages in the editor'),
  }
}

async function serverOnly(what: string): Promise<never> {
  throw new NodeError(
    'PUBLISH_NEEDS_SERVER',
    `${what}; zhiliu run only writes files and pages. Import the flow into the editor (npm start) to run this step.`,
  )
}
