import type { FileRequest } from '@zhiliu/nodes'
import { markdownPage } from './page-document.ts'

/**
 * What publish.file puts on disk. An HTML file is the same sanitised page as /p/ serves, policy included, so opening
 * the file is as safe as reading the page.
 */
export function fileContent(file: Pick<FileRequest, 'content' | 'html'>): string {
  return file.html ? markdownPage({ title: file.html.title, body: file.content }) : file.content
}
