import type { TemplateScope } from '@zhiliu/nodes'

/** The data expressions are evaluated against: a little of every JSON kind. */
export const expressionInput = {
  name: '李雷',
  items: [
    { sku: 'A-1', qty: 2, price: 9.5, tags: ['x', 'y'] },
    { sku: 'B-2', qty: 1, price: 20, tags: [] },
  ],
  nested: { a: { b: [1, 2, 3] } },
  a: null,
  b: true,
}

/** What templates read: a trigger, one upstream node, and a for-each item. */
export const templateScope: TemplateScope = {
  trigger: { body: { title: '标题', list: ['a', 'b', 'c'], n: 3 }, headers: { 'x-a': '1' } },
  nodes: { a: { text: 'hello', list: [{ text: 'x' }, { text: 'y' }] } },
  item: { text: 'item' },
  index: 0,
}
