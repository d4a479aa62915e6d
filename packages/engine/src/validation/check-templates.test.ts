import { describe, expect, it } from 'vitest'
import { validateFlow } from '../validate-flow.ts'
import { testFlow, testNodes } from './test-nodes.ts'

const check = (...args: Parameters<typeof testFlow>) =>
  validateFlow(testFlow(...args), { definitions: testNodes })
const trigger = { id: 't', type: 'test.trigger', config: { fields: ['title'] } }
const fetch = { id: 'f', type: 'test.fetch', version: 2, config: { url: 'https://news.test' } }
const text = (id: string, template: string, extra: object = {}) => ({ id, config: { template }, ...extra })

describe('templates', () => {
  it('accepts references to upstream nodes and fields their output has, down lists and through open values', () => {
    const r = check(
      [
        trigger,
        fetch,
        text(
          'a',
          '{{ trigger.body.title }} {{ nodes.f.items[0].title }} {{ nodes.f.items.first.tags.size }}',
        ),
        text(
          'b',
          '{{ nodes.f.meta.anything.at.all }} {{ nodes.f.raw[3].x }} {{ nodes.a.text }} {{ nodes.f.status }}',
        ),
      ],
      ['t>f', 'f>a', 'a>b'],
    )
    expect(r.problems).toEqual([])
  })

  it('reports a node that does not run before this one, at the field that uses it', () => {
    const r = check([trigger, fetch, text('side', '{{ nodes.f.status }}')], ['t>f', 't>side'])
    expect(r.problems).toEqual([
      expect.objectContaining({
        code: 'TEMPLATE_NOT_UPSTREAM',
        nodeId: 'side',
        path: ['nodes', 2, 'config', 'template'],
      }),
    ])
    expect(r.problems[0]?.message).toBe(
      '"nodes.f.status" uses the result of "f", but "f" does not run before this node. Connect it so that it comes first.',
    )
  })

  it('reports a node that does not exist and a node reading its own result', () => {
    const r = check([trigger, text('a', '{{ nodes.ghost.x }} {{ nodes.a.text }}')], ['t>a'])
    expect(r.problems.map((p) => p.code)).toEqual(['TEMPLATE_UNKNOWN_NODE', 'TEMPLATE_SELF'])
  })

  it('reports a field the output does not have and lists the ones it has', () => {
    const r = check(
      [trigger, fetch, text('a', '{{ nodes.f.items[0].titel }} {{ nodes.f.status.code }}')],
      ['t>f', 'f>a'],
    )
    expect(r.problems.map((p) => p.message)).toEqual([
      '"nodes.f.items[0].titel": nodes.f.items[0] has no field "titel". Its fields are: "title", "tags".',
      '"nodes.f.status.code": nodes.f.status is a single value with no field "code".',
    ])
  })

  it('checks trigger fields against the schema derived from the trigger config', () => {
    const r = check([trigger, text('a', '{{ trigger.body.title }} {{ trigger.body.author }}')], ['t>a'])
    expect(r.problems).toEqual([expect.objectContaining({ code: 'TEMPLATE_UNKNOWN_FIELD' })])
    expect(r.problems[0]?.message).toContain('trigger.body has no field "author"')
  })

  it('says so when the referenced object has no fields at all', () => {
    const r = check([{ ...trigger, config: {} }, text('a', '{{ trigger.body.n }}')], ['t>a'])
    expect(r.problems.map((p) => p.message)).toEqual(['"trigger.body.n": trigger.body has no fields.'])
  })

  it('reports trigger references in a flow without a trigger', () => {
    const r = check([text('a', '{{ trigger.body }}')])
    expect(r.problems.map((p) => p.code)).toEqual(['TEMPLATE_NO_TRIGGER'])
  })

  it('reports an unknown root, such as a node id written without nodes.', () => {
    const r = check([trigger, fetch, text('a', '{{ f.status }}')], ['t>f', 'f>a'])
    expect(r.problems).toEqual([expect.objectContaining({ code: 'TEMPLATE_UNKNOWN_ROOT' })])
  })

  it('allows item and index only inside a loop body', () => {
    const r = check(
      [
        trigger,
        { id: 'loop', type: 'test.loop', config: { items: '{{ trigger.body.title }}' } },
        text('inside', '{{ item.name }} #{{ index }}', { parentId: 'loop' }),
        text('outside', '{{ item }}'),
      ],
      ['t>loop', 'loop>outside'],
    )
    expect(r.problems).toEqual([expect.objectContaining({ code: 'TEMPLATE_LOOP_ONLY', nodeId: 'outside' })])
  })

  it('explains that a loop result is not ready inside the loop, and body results not outside it', () => {
    const r = check(
      [
        trigger,
        fetch,
        { id: 'loop', type: 'test.loop' },
        text('body', '{{ nodes.loop.results }} {{ nodes.f.status }}', { parentId: 'loop' }),
        text('after', '{{ nodes.body.text }} {{ nodes.loop.results[0] }}'),
      ],
      ['t>f', 'f>loop', 'loop>after'],
    )
    expect(r.problems.map((p) => [p.code, p.nodeId])).toEqual([
      ['TEMPLATE_ENCLOSING_LOOP', 'body'],
      ['TEMPLATE_INSIDE_LOOP', 'after'],
    ])
    expect(r.problems[1]?.message).toContain('Use nodes.loop.results instead.')
  })

  it('accepts an error field on a node whose failures continue downstream', () => {
    const r = check(
      [trigger, { ...fetch, settings: { onError: 'continue' } }, text('a', '{{ nodes.f.error.message }}')],
      ['t>f', 'f>a'],
    )
    expect(r.problems).toEqual([])
  })

  it("reports template syntax errors with their place and cause in plain Chinese, Liquid's English in details", () => {
    const r = check([trigger, text('a', 'Hello {{ trigger.body.title')], ['t>a'])
    expect(r.problems).toEqual([
      expect.objectContaining({
        code: 'TEMPLATE_SYNTAX',
        nodeId: 'a',
        path: ['nodes', 1, 'config', 'template'],
        details: { liquid: expect.stringContaining('output "{{ trigger.body.title" not closed') },
      }),
    ])
    expect(r.problems[0]?.localized['zh-CN']).toBe(
      '模板 {{ … }} 写法有误（第 1 行第 7 列）：“{{” 没有配对的 “}}”：请在要引用的名称后面补上 }}，或删掉多余的 {{。',
    )
    expect(r.problems[0]?.message).toMatch(/^The template \{\{ … \}\} has a mistake at line 1, column 7: /)
  })

  it("says each common template mistake in Chinese, never in Liquid's words", () => {
    for (const source of [
      '{{ }}',
      '{% if x %}a',
      '{% foo %}',
      '{{ x | nofilter }}',
      '{% endif %}',
      '{{ x[ }}',
    ]) {
      const [found] = check([trigger, text('a', source)], ['t>a']).problems
      expect({ source, code: found?.code }).toEqual({ source, code: 'TEMPLATE_SYNTAX' })
      const zh = found?.localized['zh-CN'] ?? ''
      expect(zh).not.toMatch(/not closed|not found|undefined filter|invalid value|详细信息/)
    }
  })

  it('leaves text in untemplated fields alone', () => {
    const r = check([trigger, { ...fetch, config: { url: 'https://x.test', method: 'GET' } }], ['t>f'])
    expect(r.problems).toEqual([])
  })
})

describe('templates with tags', () => {
  it('does not mistake loop variables and assigned names for unknown roots', () => {
    const r = check(
      [
        trigger,
        fetch,
        text(
          'a',
          '{% for it in nodes.f.items %}{{ forloop.index }} {{ it.title }}{% endfor %}{% assign n = 2 %}{{ n }}',
        ),
      ],
      ['t>f', 'f>a'],
    )
    expect(r.problems).toEqual([])
  })
})
