import { and, asc, desc, eq, max, min, sql } from 'drizzle-orm'
import type { ChatStore } from '../chat-store.ts'
import { chatTurns, flows } from '../schema/sqlite/index.ts'
import { ownedBy } from '../scope.ts'
import type { Access } from '../store.ts'
import type { SqliteDb } from './open-sqlite.ts'

export function createSqliteChat(db: SqliteDb): ChatStore {
  const canReach = (access: Access, flowId: string) =>
    db
      .select({ id: flows.id })
      .from(flows)
      .where(and(eq(flows.id, flowId), ownedBy(flows.ownerId, access)))
      .get() !== undefined
  const inConversation = (flowId: string, conversationId: string) =>
    and(eq(chatTurns.flowId, flowId), eq(chatTurns.conversationId, conversationId))
  return {
    async addChatTurn(turn) {
      db.insert(chatTurns).values(turn).run()
    },
    async recentChatTurns(flowId, conversationId, limit) {
      if (limit <= 0) return []
      const rows = db
        .select()
        .from(chatTurns)
        .where(inConversation(flowId, conversationId))
        .orderBy(desc(chatTurns.createdAt), desc(chatTurns.id))
        .limit(limit)
        .all()
      return rows.reverse()
    },
    async rateChatTurn(flowId, conversationId, turnId, rating) {
      const where = and(inConversation(flowId, conversationId), eq(chatTurns.id, turnId))
      return db.update(chatTurns).set({ rating }).where(where).run().changes > 0
    },
    async listChatConversations(access, flowId, query) {
      if (!canReach(access, flowId)) return undefined
      const lastAt = max(chatTurns.createdAt)
      const rows = db
        .select({
          conversationId: chatTurns.conversationId,
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
        .all()
      return rows.map((row) => {
        const first = db
          .select({ question: chatTurns.question })
          .from(chatTurns)
          .where(inConversation(flowId, row.conversationId))
          .orderBy(asc(chatTurns.createdAt), asc(chatTurns.id))
          .limit(1)
          .get()
        return {
          conversationId: row.conversationId,
          firstQuestion: first?.question ?? '',
          turns: Number(row.turns),
          thumbsUp: Number(row.thumbsUp),
          thumbsDown: Number(row.thumbsDown),
          startedAt: Number(row.startedAt),
          lastAt: Number(row.lastAt),
        }
      })
    },
    async listChatTurns(access, flowId, conversationId) {
      if (!canReach(access, flowId)) return undefined
      return db
        .select()
        .from(chatTurns)
        .where(inConversation(flowId, conversationId))
        .orderBy(asc(chatTurns.createdAt), asc(chatTurns.id))
        .all()
    },
  }
}
