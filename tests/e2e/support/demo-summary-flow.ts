/**
 * Manual trigger → one AI step (写摘要) with no provider chosen: on a server without a model key it runs on the
 * offline demo model, which streams at a watchable pace (~150 characters a second).
 */
export function demoSummaryFlow(name: string) {
  return {
    schemaVersion: 1,
    name,
    nodes: [
      { id: 'start', type: 'trigger.manual', version: 1, position: { x: 0, y: 0 }, config: {} },
      {
        id: 'chat',
        type: 'ai.chat',
        version: 1,
        name: '写摘要',
        position: { x: 380, y: 0 },
        config: {
          prompt:
            '总结下面的文章：\n智流是一个给不会编程的人用的可视化 AI 工作流工具，拖拽节点就能搭出流程。' +
            '编辑部可以用它把来稿自动整理成摘要、标题和推送消息，省下大量重复的复制粘贴工作。' +
            '流程可以通过 Webhook 被其他系统调用，也可以按时间表定时运行，结果还能发布成网页。' +
            '在没有网络的教室里，讲师可以用离线演示模型完整地演示一遍，不需要任何密钥。',
        },
      },
    ],
    edges: [{ id: 'e1', source: 'start', sourcePort: 'out', target: 'chat', targetPort: 'in' }],
  }
}
