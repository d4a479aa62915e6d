import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core'
import { flows } from './flows.ts'

/** A cited source passage kept with an answer: what the chat page opens when a reader taps [n]. */
export interface ChatCitation {
  text: string
  document: string
  score?: number
  chunkId?: string
}

/**
 * One question and its answer in a chat app's conversation. A conversation is its turns (no row of its own): the
 * public chat route appends them and reads the last few back as the model's history; the flow's owner lists them.
 */
export const chatTurns = sqliteTable(
  'chat_turns',
  {
    id: text('id').primaryKey(),
    flowId: text('flow_id')
      .notNull()
      .references(() => flows.id, { onDelete: 'cascade' }),
    conversationId: text('conversation_id').notNull(),
    question: text('question').notNull(),
    answer: text('answer').notNull(),
    citations: text('citations', { mode: 'json' }).$type<ChatCitation[]>().notNull(),
    /** No foreign key: the run may be dropped by the history setting while the conversation stays. */
    runId: text('run_id'),
    /** A reader's thumbs: 1 up, -1 down, null none. */
    rating: integer('rating'),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [index('chat_turns_conversation_idx').on(t.flowId, t.conversationId, t.createdAt)],
)
