import { describe, expect, it } from 'vitest'
import { type ContractContext, flowDocument } from './contract-context.ts'

export function describeChat(ctx: ContractContext): void {
  describe('chat conversations', () => {
    const turn = (flowId: string, conversationId: string, n: number) => ({
      id: `${conversationId}-t${n}`,
      flowId,
      conversationId,
      question: `问题 ${n}`,
      answer: `回答 ${n}`,
      citations: n === 1 ? [{ text: '原文', document: '文章.md', score: 0.5, chunkId: 'k1' }] : [],
      runId: `run-${n}`,
      createdAt: 1_000 + n,
    })

    it('reads back the last turns of one conversation, oldest first, citations included', async () => {
      const store = ctx.store()
      const { access } = await ctx.user('editor')
      const flow = await store.createFlow(access, { document: flowDocument('问答') })
      for (const n of [1, 2, 3]) await store.addChatTurn(turn(flow.id, 'c1', n))
      await store.addChatTurn(turn(flow.id, 'c2', 4))
      const recent = await store.recentChatTurns(flow.id, 'c1', 2)
      expect(recent.map((t) => t.question)).toEqual(['问题 2', '问题 3'])
      expect((await store.recentChatTurns(flow.id, 'c1', 5))[0]).toEqual({
        ...turn(flow.id, 'c1', 1),
        rating: null,
      })
      expect(await store.recentChatTurns(flow.id, 'c1', 0)).toEqual([])
      expect(await store.recentChatTurns('other', 'c1', 5)).toEqual([])
    })

    it('takes a thumbs up or down on a turn of that conversation only, and lists conversations for the owner', async () => {
      const store = ctx.store()
      const a = await ctx.user('editor')
      const b = await ctx.user('editor')
      const flow = await store.createFlow(a.access, { document: flowDocument('问答') })
      for (const n of [1, 2]) await store.addChatTurn(turn(flow.id, 'c1', n))
      await store.addChatTurn(turn(flow.id, 'c2', 3))
      expect(await store.rateChatTurn(flow.id, 'c1', 'c1-t1', 1)).toBe(true)
      expect(await store.rateChatTurn(flow.id, 'c1', 'c1-t2', -1)).toBe(true)
      expect(await store.rateChatTurn(flow.id, 'c2', 'c1-t1', -1)).toBe(false)

      expect(await store.listChatConversations(b.access, flow.id, { limit: 10, offset: 0 })).toBeUndefined()
      const list = await store.listChatConversations(a.access, flow.id, { limit: 10, offset: 0 })
      expect(list).toEqual([
        {
          conversationId: 'c2',
          firstQuestion: '问题 3',
          turns: 1,
          thumbsUp: 0,
          thumbsDown: 0,
          startedAt: 1_003,
          lastAt: 1_003,
        },
        {
          conversationId: 'c1',
          firstQuestion: '问题 1',
          turns: 2,
          thumbsUp: 1,
          thumbsDown: 1,
          startedAt: 1_001,
          lastAt: 1_002,
        },
      ])
      expect(await store.listChatConversations(a.access, flow.id, { limit: 1, offset: 1 })).toHaveLength(1)
      const turns = await store.listChatTurns(a.access, flow.id, 'c1')
      expect(turns?.map((t) => t.rating)).toEqual([1, -1])
      expect(await store.listChatTurns(b.access, flow.id, 'c1')).toBeUndefined()

      // Taking the thumbs back.
      expect(await store.rateChatTurn(flow.id, 'c1', 'c1-t1', null)).toBe(true)
      expect((await store.listChatTurns(a.access, flow.id, 'c1'))?.[0]?.rating).toBeNull()
    })
  })
}
