import { Flow } from '@zhiliu/nodes'
import branchMerge from '../../../../examples/branch-merge.json'
import forEach from '../../../../examples/for-each.json'
import httpRequest from '../../../../examples/http-request.json'
import { emptyFlow } from '../editor/flow-mapping.ts'

/**
 * Starting points offered on "New flow": the repository's examples, which CI also runs, so they stay valid.
 * Parsing applies the document defaults (settings) the files leave out.
 */
export const flowTemplates: readonly { id: string; flow: Flow }[] = [
  { id: 'branch-merge', flow: Flow.parse(branchMerge) },
  { id: 'for-each', flow: Flow.parse(forEach) },
  { id: 'http-request', flow: Flow.parse(httpRequest) },
]

export function blankFlow(name: string): Flow {
  return emptyFlow(name)
}
