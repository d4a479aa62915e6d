export { checkFilePath } from './check-file-path.ts'
export { escapeXml } from './escape-xml.ts'
export { fileContent } from './file-content.ts'
export { openFolder } from './open-folder.ts'
export { markdownPage, missingPageDocument, PAGE_CSP, type PageView, pageDocument } from './page-document.ts'
export { renderMarkdown } from './render-markdown.ts'
export {
  fileWriteFailed,
  type WrittenFile,
  writeFileAtomically,
  writeInsideFolder,
} from './write-inside-folder.ts'
