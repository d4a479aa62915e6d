import { and, asc, desc, eq, max, min, sql } from 'drizzle-orm'
import type { ChatStore } from '../chat-store.ts'
import { chatTurns, flows } from '../schema/pg/index.ts'
import { ownedBy } from '../scope.ts'
import type { Access } from '../store.ts'
import type { PgDb } from './open-pg.ts'

export function createPgChat(db: PgDb): ChatStore {
  const canReach = async (access: Access, flowId: string) => {
    const [row] = await db
      .select({ id: flows.id })
      .from(flows)
      .where(and(eq(flows.id, flowId), ownedBy(flows.ownerId, access)))
    return row !== undefined
  }
  const inConversation = (flowId: string, conversationId: string) =>
    and(eq(chatTurns.flowId, flowId), eq(chatTurns.conversationId, conversationId))
  return {
    async addChatTurn(turn) {
      await db.insert(chatTurns).values(turn)
    },
    async recentChatTurns(flowId, conversationId, limit) {
      if (limit <= 0) return []
      const rows = await db
        .select()
        .from(chatTurns)
        .where(inConversation(flowId, conversationId))
        .orderBy(desc(chatTurns.createdAt), desc(chatTurns.id))
        .limit(limit)
      return rows.reverse()
    },
    async rateChatTurn(flowId, conversationId, turnId, rating) {
      const where = and(inConversation(flowId, conversationId), eq(chatTurns.id, turnId))
      const rows = await db.update(chatTurns).set({ rating }).where(where).returning({ id: chatTurns.id })
      return rows.length > 0
    },
    async listChatConversations(access, flowId, query) {
      if (!(await canReach(access, flowId))) return undefined
      const lastAt = max(chatTurns.createdAt)
      // The first question: the earliest turn's, picked in the same query.
      const firstQuestion = sql<string>`(array_agg(${chatTurns.question} order by ${chatTurns.createdAt}, ${chatTurns.id}))[1]`
      const rows = await db
        .select({
          conversationId: chatTurns.conversationId,
          firstQuestion,
          startedAt: min(chatTurns.createdAt),
          lastAt,
          turns: sql<number>`count(*)`,
          thumbsUp: sql<number>`sum(case when ${chatTurns.rating} = 1 then 1 else 0 end)`,
          thumbsDown: sql<number>`sum(case when ${chatTurns.rating} = -1 then 1 else 0 end)`,
        })
        .from(chatTurns)
        .where(eq(chatTurns.flowId, flowId))
        .groupBy(chatTurns.conversationId)
        .orderBy(desc(lastAt), asc(chatTurns.conversationId))
        .limit(query.limit)
        .offset(query.offset)
      return rows.map((row) => ({
        conversationId: row.conversationId,
        firstQuestion: row.firstQuestion ?? '',
        turns: Number(row.turns),
        thumbsUp: Number(row.thumbsUp),
        thumbsDown: Number(row.thumbsDown),
        startedAt: Number(row.startedAt),
        lastAt: Number(row.lastAt),
      }))
    },
    async listChatTurns(access, flowId, conversationId) {
      if (!(await canReach(access, flowId))) return undefined
      return db
        .select()
        .from(chatTurns)
        .where(inConversation(flowId, conversationId))
        .orderBy(asc(chatTurns.createdAt), asc(chatTurns.id))
    },
  }
}
