export type { FakeBot, FakeFault, ReceivedRequest } from './fake-types.ts'
export { type FakeDingtalkOptions, startFakeDingtalk } from './start-fake-dingtalk.ts'
export { type FakeFeishuOptions, startFakeFeishu } from './start-fake-feishu.ts'
export { type FakeWecomOptions, startFakeWecom } from './start-fake-wecom.ts'
