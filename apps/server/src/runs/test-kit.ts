import type { Access } from '@zhiliu/db'
import {
  builtinNodes,
  createRegistry,
  defineNode,
  type Flow,
  type FlowInput,
  Flow as FlowSchema,
  t,
} from '@zhiliu/nodes'
import { z } from 'zod'
import type { AppDeps } from '../app-deps.ts'
import { type AppType, createApp } from '../create-app.ts'
import { createTestDeps, type TestDeps, type TestOverrides } from '../test-support/create-test-deps.ts'
import { type AuthHeaders, setupOwner } from '../test-support/sign-in.ts'

// Test-only nodes and flows for the run, webhook and schedule tests.

const ports = {
  inputs: [{ name: 'in', label: t('输入', 'In') }],
  outputs: [{ name: 'out', label: t('输出', 'Out') }],
}

/**
 * `test.count` counts its executions per node id, so a test can tell a node that ran again from one whose result
 * was reused; `test.gate` blocks until the test opens it (or the run is aborted), so a test controls when a run is
 * "in the middle" without sleeping.
 */
export function createTestNodes() {
  const calls = new Map<string, number>()
  let openGate: () => void = () => {}
  let gateOpen = new Promise<void>((resolve) => {
    openGate = resolve
  })
  let entered: () => void = () => {}
  let gateEntered = new Promise<void>((resolve) => {
    entered = resolve
  })
  const count = defineNode({
    type: 'test.count',
    version: 1,
    category: 'data',
    title: t('计数', 'Count'),
    description: t('计数', 'Counts its runs'),
    ...ports,
    config: z.object({}),
    output: z.object({ n: z.number(), value: z.unknown() }),
    sideEffects: false,
    async run({ inputs }, ctx) {
      const n = (calls.get(ctx.nodeId) ?? 0) + 1
      calls.set(ctx.nodeId, n)
      return { n, value: inputs.in }
    },
  })
  const gate = defineNode({
    type: 'test.gate',
    version: 1,
    category: 'flow',
    title: t('闸门', 'Gate'),
    description: t('闸门', 'Waits for the test'),
    ...ports,
    config: z.object({}),
    output: z.object({ value: z.unknown() }),
    sideEffects: false,
    async run({ inputs }, ctx) {
      entered()
      ctx.emit({ channel: 'text', text: 'waiting' })
      await new Promise<void>((resolve, reject) => {
        void gateOpen.then(resolve)
        ctx.signal.addEventListener('abort', () => reject(ctx.signal.reason), { once: true })
      })
      return { value: inputs.in }
    },
  })
  return {
    definitions: [...builtinNodes, count, gate],
    calls: (nodeId: string) => calls.get(nodeId) ?? 0,
    /** Resolves once a gate node has started. */
    entered: () => gateEntered,
    open: () => openGate(),
    /** Closes the gate again for the next run. */
    reset() {
      gateOpen = new Promise<void>((resolve) => {
        openGate = resolve
      })
      gateEntered = new Promise<void>((resolve) => {
        entered = resolve
      })
    },
  }
}

export type TestNodes = ReturnType<typeof createTestNodes>

/** What the run route tests start from: the test nodes, deps that know them, the app, the owner's session. */
export interface RunApp {
  kit: TestNodes
  t: TestDeps
  app: AppType
  owner: AuthHeaders
}

export async function createRunApp(config: TestOverrides['config'] = {}): Promise<RunApp> {
  const kit = createTestNodes()
  const t = await createTestDeps({ registry: createRegistry(kit.definitions), config })
  const app = createApp(t.deps)
  return { kit, t, app, owner: await setupOwner(app) }
}

/** Opens the gate first, so a run a test left waiting on it can end before the deps close. */
export async function closeRunApp({ kit, t }: Pick<RunApp, 'kit' | 't'>): Promise<void> {
  kit.open()
  await t.close()
}

type NodeSpec = Pick<FlowInput['nodes'][number], 'id' | 'type' | 'config' | 'parentId' | 'settings'>

/** A flow whose nodes run in a chain, in the order given. */
export function chainFlow(nodes: NodeSpec[], name = 'chain'): Flow {
  const input: FlowInput = {
    schemaVersion: 1,
    name,
    nodes: nodes.map((n) => ({ ...n, version: 1 })),
    edges: nodes.slice(1).map((n, i) => ({ id: `e${i}`, source: nodes[i]?.id ?? '', target: n.id })),
  }
  return FlowSchema.parse(input)
}

/** Creates (and optionally publishes) a flow straight through the store: these tests are about runs, not flows. */
export async function storeFlow(
  deps: Pick<AppDeps, 'store'>,
  access: Access,
  document: Flow,
  options: { publish?: boolean; webhookPath?: string } = {},
) {
  const flow = await deps.store.createFlow(access, { document, webhookPath: options.webhookPath })
  if (options.publish) await deps.store.publishFlow(access, flow.id)
  return flow
}

/** The owner's access after `setupOwner`: the owner role sees everything. */
export async function ownerAccess(deps: Pick<AppDeps, 'store'>): Promise<Access> {
  const [owner] = await deps.store.listUsers()
  if (!owner) throw new Error('set the owner up first')
  return { userId: owner.id, all: true }
}
