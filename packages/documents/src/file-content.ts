import type { FileRequest } from '@zhiliu/nodes'
import { pageDocument } from './page-document.ts'
import { renderMarkdown } from './render-markdown.ts'

/**
 * What publish.file puts on disk. An HTML file is the same sanitised page as /p/ serves, policy included, so opening
 * the file is as safe as reading the page.
 */
export function fileContent(file: Pick<FileRequest, 'content' | 'html'>): string {
  return file.html
    ? pageDocument({ title: file.html.title, html: renderMarkdown(file.content) })
    : file.content
}
