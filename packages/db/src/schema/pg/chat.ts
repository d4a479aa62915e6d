import { index, integer, pgTable, text } from 'drizzle-orm/pg-core'
import type { ChatCitation } from '../sqlite/chat.ts'
import { flows } from './flows.ts'
import { jsonValue } from './json-value.ts'
import { ms } from './ms.ts'

// Mirrors schema/sqlite/chat.ts column for column.

export const chatTurns = pgTable(
  'chat_turns',
  {
    id: text('id').primaryKey(),
    flowId: text('flow_id')
      .notNull()
      .references(() => flows.id, { onDelete: 'cascade' }),
    conversationId: text('conversation_id').notNull(),
    question: text('question').notNull(),
    answer: text('answer').notNull(),
    citations: jsonValue('citations').$type<ChatCitation[]>().notNull(),
    runId: text('run_id'),
    rating: integer('rating'),
    createdAt: ms('created_at').notNull(),
  },
  (t) => [index('chat_turns_conversation_idx').on(t.flowId, t.conversationId, t.createdAt)],
)
