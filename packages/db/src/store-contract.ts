import { describe } from 'vitest'
import { describeApprovals } from './contract/approvals-contract.ts'
import { describeAttention } from './contract/attention-contract.ts'
import { describeCallbacks } from './contract/callbacks-contract.ts'
import { describeChat } from './contract/chat-contract.ts'
import { describeClaims } from './contract/claims-contract.ts'
import { type OpenStore, useContractContext } from './contract/contract-context.ts'
import { describeCredentials } from './contract/credentials-contract.ts'
import { describeEngineRuns } from './contract/engine-contract.ts'
import { describeFlowVersions } from './contract/flow-versions-contract.ts'
import { describeFlows } from './contract/flows-contract.ts'
import { describeKnowledge } from './contract/knowledge-contract.ts'
import { describeModelPrices } from './contract/model-prices-contract.ts'
import { describeNodeResults } from './contract/node-results-contract.ts'
import { describePackedRuns } from './contract/packed-runs-contract.ts'
import { describePauses } from './contract/pauses-contract.ts'
import { describePublishing } from './contract/publishing-contract.ts'
import { describeRecordRun } from './contract/record-run-contract.ts'
import { describeRetention } from './contract/retention-contract.ts'
import { describeRunHistory } from './contract/run-history-contract.ts'
import { describeRunLeases } from './contract/run-leases-contract.ts'
import { describeRuns } from './contract/runs-contract.ts'
import { describeSharing } from './contract/sharing-contract.ts'
import { describeTokens } from './contract/tokens-contract.ts'
import { describeUsers } from './contract/users-contract.ts'

/**
 * The behaviour every Store implementation must show. Call it from the implementation's test file with a
 * function that opens a fresh, empty, migrated store; each test gets its own and closes it.
 */
export function describeStore(name: string, open: OpenStore): void {
  describe(`${name} store contract`, () => {
    const ctx = useContractContext(open)
    describeUsers(ctx)
    describeTokens(ctx)
    describeFlows(ctx)
    describeFlowVersions(ctx)
    describeRuns(ctx)
    describeRunHistory(ctx)
    describeRecordRun(ctx)
    describeNodeResults(ctx)
    describePackedRuns(ctx)
    describeEngineRuns(ctx)
    describeCredentials(ctx)
    describeClaims(ctx)
    describePublishing(ctx)
    describeApprovals(ctx)
    describeAttention(ctx)
    describePauses(ctx)
    describeModelPrices(ctx)
    describeRetention(ctx)
    describeCallbacks(ctx)
    describeRunLeases(ctx)
    describeSharing(ctx)
    describeChat(ctx)
    describeKnowledge(ctx)
  })
}
