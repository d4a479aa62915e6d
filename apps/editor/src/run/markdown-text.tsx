import Markdown, { type Components } from 'react-markdown'
import remarkGfm from 'remark-gfm'

interface MdNode {
  type: string
  children?: MdNode[]
}

/**
 * HTML inside a model's Markdown is shown as the text it is, never as markup: an approver sees exactly what would be
 * published, and nothing a flow produced can run in the editor (no rehype-raw, so react-markdown never builds
 * elements from it either way).
 */
function remarkHtmlAsText() {
  const walk = (node: MdNode) => {
    if (node.type === 'html') node.type = 'text'
    node.children?.forEach(walk)
  }
  return walk
}

// Links a result holds open beside the editor, and never tell the target where they came from.
const components: Components = {
  a: ({ node: _node, ...props }) => <a {...props} target="_blank" rel="noopener noreferrer" />,
}

const remarkPlugins = [remarkGfm, remarkHtmlAsText]

/** Markdown (headings, lists, tables, links) rendered as formatted text, safely: see remarkHtmlAsText. */
export function MarkdownText({ text, testId }: { text: string; testId?: string }) {
  return (
    <div className="markdown" data-testid={testId}>
      <Markdown remarkPlugins={remarkPlugins} components={components}>
        {text}
      </Markdown>
    </div>
  )
}
