import { request } from './request.ts'

export interface ClassAccount {
  id: string
  name: string
  login: string
  /** Generated; this answer is the only time it is shown. */
  password: string
}

/** New accounts and where the students open Zhiliu to use them (the address share links use). */
export interface ClassSheet {
  accounts: ClassAccount[]
  signInUrl: string
}

/** One problem line of a refused list (`ROSTER_INVALID`'s `details.problems`). */
export interface RosterProblem {
  line: number
  code: string
  messages: { 'zh-CN': string; en: string }
}

export interface StudentProgress {
  id: string
  name: string | null
  login: string
  copies: string[]
  runs: number
  lastRun: { id: string; status: string; startedAt: number } | null
  succeeded: boolean
}

export const createClassAccounts = (text: string) =>
  request<ClassSheet>('POST', '/api/class/accounts', { text })
export const getClassProgress = (flowId: string) =>
  request<{ flow: { id: string; name: string }; students: StudentProgress[] }>(
    'GET',
    `/api/class/progress?flowId=${encodeURIComponent(flowId)}`,
  )
