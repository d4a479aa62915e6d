import type { RunSummary, Store } from '@zhiliu/db'

const ALL = { userId: '', all: true }
const RUNS_PER_COPY = 50

/**
 * Each student account with what they did with one lesson flow: their copies of it (made from its share link), how
 * often they ran them, the newest run and whether any run succeeded. Students who made no copy are listed too,
 * with nothing: the instructor sees who has not started.
 */
export async function classProgress(store: Store, lessonFlowId: string) {
  const [users, copies] = await Promise.all([store.listUsers(), store.listFlowCopies(lessonFlowId)])
  const copiesOf = new Map<string, string[]>()
  for (const copy of copies) copiesOf.set(copy.userId, [...(copiesOf.get(copy.userId) ?? []), copy.flowId])
  const students = users.filter((u) => u.role === 'student')
  return Promise.all(
    students.map(async (student) => {
      const flowIds = copiesOf.get(student.id) ?? []
      const runs: RunSummary[] = []
      let succeeded = false
      for (const flowId of flowIds) {
        runs.push(...(await store.listRuns(ALL, { flowId, limit: RUNS_PER_COPY })).items)
        const won = await store.listRuns(ALL, { flowId, status: 'succeeded', limit: 1 })
        succeeded ||= won.items.length > 0
      }
      const last = runs.sort((a, b) => b.startedAt - a.startedAt)[0]
      return {
        id: student.id,
        name: student.name,
        login: student.email,
        copies: flowIds,
        runs: runs.length,
        lastRun: last ? { id: last.id, status: last.status, startedAt: last.startedAt } : null,
        succeeded,
      }
    }),
  )
}
