import { request } from './request.ts'

/** What a publish step sent to the built-in demo receiver (`GET /api/demo-messages`). */
export interface DemoMessage {
  id: string
  runId: string | null
  channel: 'wecom' | 'dingtalk' | 'feishu' | 'email'
  title: string
  body: string
  format: 'text' | 'markdown'
  createdAt: number
}

export const listDemoMessages = () => request<{ items: DemoMessage[] }>('GET', '/api/demo-messages')
