import { describe, expect, it } from 'vitest'
import { INPUT_PREVIEW_CHARS } from '../rows.ts'
import { type ContractContext, flowDocument } from './contract-context.ts'

export function describeRuns(ctx: ContractContext): void {
  describe('runs', () => {
    it('keeps the registered owner and trigger when the engine creates the run, then records its outcome', async () => {
      const { user, access } = await ctx.user()
      const flow = await ctx.store().createFlow(access, { document: flowDocument('f') })
      const run = await ctx.run(access, {
        flowId: flow.id,
        flowVersion: 2,
        trigger: 'webhook',
        parentRunId: 'p1',
      })
      await ctx.store().createRun({ ...run, status: 'running' })
      expect(await ctx.store().getRun(access, run.id)).toMatchObject({
        ownerId: user.id,
        trigger: 'webhook',
        flowId: flow.id,
        flowVersion: 2,
        parentRunId: 'p1',
        status: 'running',
        event: run.event,
        startedAt: run.startedAt,
        finishedAt: null,
      })
      const error = { code: 'HTTP_500', message: 'upstream failed', nodeId: 'fetch' }
      await ctx.store().finishRun(run.id, { status: 'failed', error, finishedAt: run.startedAt + 50 })
      expect(await ctx.store().getRun(access, run.id)).toMatchObject({
        status: 'failed',
        error,
        output: null,
      })
      await ctx.store().finishRun(run.id, { status: 'succeeded', output: { ok: [1] }, finishedAt: 9 })
      expect(await ctx.store().getRun(access, run.id)).toMatchObject({ output: { ok: [1] }, error: null })
    })

    it('lists the runs a run started (a called flow is trigger `flow`), so parent and child link both ways', async () => {
      const { access } = await ctx.user()
      const other = await ctx.user()
      const parent = await ctx.run(access, { trigger: 'webhook' })
      const child = await ctx.run(access, { trigger: 'flow', parentRunId: parent.id, startedAt: 2 })
      const rerun = await ctx.run(access, { trigger: 'rerun', parentRunId: parent.id, startedAt: 3 })
      await ctx.run(access, { trigger: 'manual' })
      const page = await ctx.store().listRuns(access, { parentRunId: parent.id })
      expect(page.items.map((r) => [r.id, r.trigger])).toEqual([
        [rerun.id, 'rerun'],
        [child.id, 'flow'],
      ])
      expect(await ctx.store().getRun(access, child.id)).toMatchObject({ parentRunId: parent.id })
      // Scoped like every list: another user sees none of them.
      expect((await ctx.store().listRuns(other.access, { parentRunId: parent.id })).items).toEqual([])
    })

    it('keeps a cancel: a later start, finish or wait of the same run (executing elsewhere) changes nothing', async () => {
      const { access } = await ctx.user()
      const run = await ctx.run(access, {})
      await ctx.store().createRun({ ...run, status: 'running' })
      const cancelled = { code: 'CANCELLED', message: 'the run was cancelled' }
      await ctx.store().finishRun(run.id, { status: 'cancelled', error: cancelled, finishedAt: 10 })
      await ctx.store().createRun({ ...run, status: 'running' })
      await ctx.store().finishRun(run.id, { status: 'succeeded', output: { late: true }, finishedAt: 20 })
      await ctx.store().finishRun(run.id, { status: 'waiting', finishedAt: 30 })
      expect(await ctx.store().getRun(access, run.id)).toMatchObject({
        status: 'cancelled',
        error: cancelled,
        output: null,
        finishedAt: 10,
      })
    })

    it("keeps a draft run's document snapshot for resume and re-run, but leaves it out of lists", async () => {
      const { access } = await ctx.user()
      const document = flowDocument('draft snapshot', 2)
      const draft = await ctx.run(access, { document })
      const published = await ctx.run(access, { flowVersion: 3 })
      await ctx.store().createRun({ ...draft, status: 'running' })
      expect((await ctx.store().getRun(access, draft.id))?.document).toEqual(document)
      expect((await ctx.store().getRun(access, published.id))?.document).toBeNull()
      expect((await ctx.store().listRunsWithStatus('running'))[0]?.document).toEqual(document)
      expect((await ctx.store().listRuns(access)).items[0]).not.toHaveProperty('document')
    })

    it('lists each run with the start of its input, cut in the database, and never the whole body', async () => {
      const { access } = await ctx.user()
      const long = '台风'.repeat(200)
      const object = await ctx.run(access, { event: { body: { title: '台风预警', count: 3 } }, startedAt: 3 })
      const text = await ctx.run(access, { event: { body: long }, startedAt: 2 })
      const none = await ctx.run(access, { event: { body: null }, startedAt: 1 })
      const listed = (await ctx.store().listRuns(access)).items
      expect(listed.map((r) => [r.id, r.inputPreview])).toEqual([
        [object.id, '{"title":"台风预警","count":3}'],
        [text.id, long.slice(0, INPUT_PREVIEW_CHARS)],
        [none.id, null],
      ])
    })

    it('stores a run the engine creates unregistered (CLI) without owner, visible only to the owner role', async () => {
      const { access } = await ctx.user()
      const owner = await ctx.user('owner')
      await ctx.store().createRun({ id: 'cli-1', event: { body: null }, status: 'running', startedAt: 1 })
      expect(await ctx.store().getRun(access, 'cli-1')).toBeUndefined()
      expect(await ctx.store().getRun(owner.access, 'cli-1')).toMatchObject({ ownerId: null, flowId: null })
    })

    it("hides a user's runs from other users but not from the owner role", async () => {
      const a = await ctx.user()
      const b = await ctx.user()
      const owner = await ctx.user('owner')
      const run = await ctx.run(a.access)
      expect(await ctx.store().getRun(b.access, run.id)).toBeUndefined()
      expect((await ctx.store().listRuns(b.access)).items).toEqual([])
      expect(await ctx.store().listNodeResults(b.access, run.id)).toBeUndefined()
      expect((await ctx.store().listRuns(a.access)).items.map((r) => r.id)).toEqual([run.id])
      expect((await ctx.store().getRun(owner.access, run.id))?.id).toBe(run.id)
      expect((await ctx.store().listRuns(owner.access)).items).toHaveLength(1)
    })

    it('pages runs newest first by cursor without gaps or repeats, even when start times tie', async () => {
      const { access } = await ctx.user()
      const ids: string[] = []
      // Ids sort against time (later runs get smaller ids), so only the (startedAt, id) pair orders them.
      for (let i = 0; i < 7; i++) {
        const run = await ctx.run(access, {
          id: `run-${String.fromCharCode(122 - i)}`,
          startedAt: 100 + Math.floor(i / 3),
        })
        ids.push(run.id)
      }
      const seen: string[] = []
      let cursor: string | undefined
      for (let page = 0; page < 10; page++) {
        const result = await ctx.store().listRuns(access, { limit: 3, cursor })
        seen.push(...result.items.map((r) => r.id))
        expect(result.items[0]).not.toHaveProperty('event')
        expect(result.items[0]).not.toHaveProperty('output')
        if (result.nextCursor === null) break
        cursor = result.nextCursor
      }
      expect(seen).toEqual(['run-t', 'run-w', 'run-v', 'run-u', 'run-z', 'run-y', 'run-x'])
      expect(new Set(seen)).toEqual(new Set(ids))
      const all = (await ctx.store().listRuns(access)).items
      expect(all.map((r) => r.id)).toEqual(seen)
      expect(all.map((r) => r.startedAt)).toEqual([...all.map((r) => r.startedAt)].sort((x, y) => y - x))
    })

    it('filters runs by flow and by status', async () => {
      const { access } = await ctx.user()
      const f1 = await ctx.store().createFlow(access, { document: flowDocument('f1') })
      const f2 = await ctx.store().createFlow(access, { document: flowDocument('f2') })
      const r1 = await ctx.run(access, { flowId: f1.id })
      const r2 = await ctx.run(access, { flowId: f2.id, status: 'running' })
      await ctx.run(access, { flowId: f2.id })
      expect((await ctx.store().listRuns(access, { flowId: f1.id })).items.map((r) => r.id)).toEqual([r1.id])
      const running = await ctx.store().listRuns(access, { flowId: f2.id, status: 'running' })
      expect(running.items.map((r) => r.id)).toEqual([r2.id])
      expect((await ctx.store().listRuns(access, { status: 'succeeded' })).items).toEqual([])
    })

    it('rejects a cursor it did not issue as BAD_CURSOR', async () => {
      const { access } = await ctx.user()
      await expect(ctx.store().listRuns(access, { cursor: 'not-a-cursor' })).rejects.toMatchObject({
        code: 'BAD_CURSOR',
      })
    })

    it('lists runs still running at startup, oldest first and across owners, for recovery', async () => {
      const a = await ctx.user()
      const b = await ctx.user()
      const late = await ctx.run(a.access, { status: 'running', startedAt: 500 })
      const early = await ctx.run(b.access, { status: 'running', startedAt: 400 })
      const done = await ctx.run(a.access, { status: 'running', startedAt: 300 })
      await ctx.store().finishRun(done.id, { status: 'succeeded', finishedAt: 301 })
      const running = await ctx.store().listRunsWithStatus('running')
      expect(running.map((r) => r.id)).toEqual([early.id, late.id])
      expect(running[0]?.event).toEqual(early.event)
    })
  })
}
