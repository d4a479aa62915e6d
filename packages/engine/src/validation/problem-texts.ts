import { type Localized, t } from '@zhiliu/nodes'

const en = (items: readonly (string | number)[]) => items.map((i) => `"${i}"`).join(', ')
const zh = (items: readonly (string | number)[]) => items.map((i) => `“${i}”`).join('、')
const chainEn = (ids: readonly string[]) => [...ids, ids[0]].map((id) => `"${id}"`).join(' → ')
const chainZh = (ids: readonly string[]) => [...ids, ids[0]].map((id) => `“${id}”`).join(' → ')

type UnknownField = { ref: string; owner: string; key: string; kind: 'object' | 'value'; fields: string[] }

/**
 * Every problem the validator reports, keyed by its stable code, with its text in both UI languages. Codes are an
 * API: the editor, the CLI and stored run records match on them, so rename none. Texts speak to people who do not
 * program: say what is wrong and what to do, never how the validator found out.
 */
export const problemTexts = {
  /** The document is not shaped like a flow (a missing name, a node without a type…). `detail` describes the field. */
  INVALID_FLOW: (p: { detail: Localized }) => p.detail,
  /** Two nodes share an id; templates and edges could not tell them apart. */
  DUPLICATE_NODE_ID: ({ id }: { id: string }) =>
    t(
      `已有另一个节点使用 ID “${id}”，每个节点的 ID 必须不同。`,
      `Another node already has the id "${id}". Each node needs its own id.`,
    ),
  /** No definition has this type at all. */
  UNKNOWN_NODE_TYPE: ({ type }: { type: string }) =>
    t(
      `没有 “${type}” 这种节点，它可能来自更新版本的智流或未安装的插件。`,
      `There is no node type "${type}". It may come from a newer version of Zhiliu or from something not installed here.`,
    ),
  /** The type exists but not in this version. */
  UNKNOWN_NODE_VERSION: ({
    type,
    version,
    versions,
  }: {
    type: string
    version: number
    versions: number[]
  }) =>
    t(
      `“${type}” 没有第 ${version} 版，现有的版本：${versions.join('、')}。`,
      `"${type}" has no version ${version}. Available versions: ${versions.join(', ')}.`,
    ),
  /** A config field does not fit the node's settings form. `detail` describes the field. */
  INVALID_CONFIG: (p: { detail: Localized }) => p.detail,
  /** A second trigger; a run starts from exactly one. */
  MULTIPLE_TRIGGERS: ({ first }: { first: string }) =>
    t(
      `一个流程只能有一个触发器，“${first}” 已经是触发器了。请删除这个，或把它放到另一个流程里。`,
      `A flow can start from only one trigger, and "${first}" already is one. Remove this one or move it to another flow.`,
    ),
  /** A trigger placed inside a for-each body. */
  TRIGGER_IN_LOOP: () => t('触发器不能放在“循环”里面。', 'A trigger cannot be inside a "For each" loop.'),
  /** `parentId` names a node that does not exist. */
  PARENT_MISSING: ({ parent }: { parent: string }) =>
    t(
      `这个节点放在 “${parent}” 里面，但 “${parent}” 不存在。`,
      `This node is placed inside "${parent}", which does not exist.`,
    ),
  /** `parentId` names a node that cannot contain others (only for-each can). */
  PARENT_NOT_LOOP: ({ parent }: { parent: string }) =>
    t(
      `这个节点放在 “${parent}” 里面，但只有“循环”节点能包含其他节点。`,
      `This node is placed inside "${parent}", but only a "For each" node can contain other nodes.`,
    ),
  /** Loops placed inside each other in a circle. */
  PARENT_CYCLE: ({ nodes }: { nodes: string[] }) =>
    t(
      `这些循环互相包含，形成了一个圈：${chainZh(nodes)}。`,
      `These loops are placed inside each other in a circle: ${chainEn(nodes)}.`,
    ),
  DUPLICATE_EDGE_ID: ({ id }: { id: string }) =>
    t(`已有另一条连线使用 ID “${id}”。`, `Another connection already has the id "${id}".`),
  /** An edge starts at a node that does not exist. */
  EDGE_SOURCE_MISSING: ({ node }: { node: string }) =>
    t(
      `这条连线从 “${node}” 出发，但这个节点不存在。`,
      `This connection starts at "${node}", which does not exist.`,
    ),
  /** An edge ends at a node that does not exist. */
  EDGE_TARGET_MISSING: ({ node }: { node: string }) =>
    t(
      `这条连线连到 “${node}”，但这个节点不存在。`,
      `This connection goes to "${node}", which does not exist.`,
    ),
  /** The same two ports are connected twice. */
  DUPLICATE_EDGE: ({ source, target }: { source: string; target: string }) =>
    t(
      `“${source}” 和 “${target}” 之间已经有一条一样的连线，请删除多余的这条。`,
      `"${source}" is already connected to "${target}" this way. Remove the extra connection.`,
    ),
  /** The source node has no output port of that name (ports may depend on its settings, as in a switch). */
  UNKNOWN_OUTPUT_PORT: ({ node, port, ports }: { node: string; port: string; ports: string[] }) =>
    t(
      `“${node}” 没有名为 “${port}” 的输出。${ports.length ? `它的输出有：${zh(ports)}。` : '它没有输出。'}`,
      `"${node}" has no output "${port}". ${ports.length ? `Its outputs are: ${en(ports)}.` : 'It has no outputs.'}`,
    ),
  /** An edge leaves the `error` port of a node whose failures are not routed there. */
  ERROR_PORT_DISABLED: ({ node }: { node: string }) =>
    t(
      `只有把 “${node}” 的“出错时”设置为“走错误输出”，它才有错误输出。`,
      `"${node}" has an error output only when its error handling is set to "use the error output".`,
    ),
  /** The target node has no input port of that name. */
  UNKNOWN_INPUT_PORT: ({ node, port, ports }: { node: string; port: string; ports: string[] }) =>
    t(
      `“${node}” 没有名为 “${port}” 的输入。${ports.length ? `它的输入有：${zh(ports)}。` : '它没有输入。'}`,
      `"${node}" has no input "${port}". ${ports.length ? `Its inputs are: ${en(ports)}.` : 'It has no inputs.'}`,
    ),
  /** Something connects into a trigger, which only starts runs. */
  EDGE_INTO_TRIGGER: ({ node }: { node: string }) =>
    t(
      `“${node}” 是触发器，流程从它开始，不能有连线连进去。`,
      `"${node}" is a trigger: the flow starts there, so nothing can connect into it.`,
    ),
  /** An edge joins a loop body node with a node outside that body. */
  EDGE_CROSSES_LOOP: ({ source, target }: { source: string; target: string }) =>
    t(
      `连线 “${source}” → “${target}” 穿过了“循环”的边界。循环里的节点只能连到同一个循环里的节点；要把结果带出循环，请连接循环节点本身的输出。`,
      `The connection "${source}" → "${target}" crosses the border of a "For each" loop. Nodes inside a loop connect only to nodes in the same loop; to pass results on, connect the loop node's own output.`,
    ),
  /** Edges go round in a circle; runs only move forward. */
  CYCLE: ({ nodes }: { nodes: string[] }) =>
    t(
      `这些节点连成了一个圈：${chainZh(nodes)}。流程只能向前走；需要重复的步骤请放进“循环”节点里。`,
      `These nodes are connected in a circle: ${chainEn(nodes)}. A flow only moves forward; to repeat steps, put them inside a "For each" node.`,
    ),
  /** A `{{ … }}` template cannot be read. `detail` is the template engine's own explanation. */
  TEMPLATE_SYNTAX: ({ reason, line, column }: { reason: Localized; line?: number; column?: number }) =>
    line === undefined
      ? t(`模板 {{ … }} 写法有误：${reason['zh-CN']}`, `The template {{ … }} has a mistake: ${reason.en}`)
      : t(
          `模板 {{ … }} 写法有误（第 ${line} 行第 ${column} 列）：${reason['zh-CN']}`,
          `The template {{ … }} has a mistake at line ${line}, column ${column}: ${reason.en}`,
        ),
  /** A template is too long or otherwise cannot be used (not a syntax error). `detail` is the engine's explanation. */
  TEMPLATE_INVALID: ({ detail }: { detail: string }) =>
    t(`这个模板无法使用：${detail}`, `This template cannot be used: ${detail}`),
  /**
   * An expression field (JSONata) does not parse, so every run would fail at this node. `reason` explains the
   * mistake; `line`/`column` are where it showed (absent when JSONata gives no position).
   */
  EXPRESSION_SYNTAX: ({ reason, line, column }: { reason: Localized; line?: number; column?: number }) =>
    line === undefined
      ? t(`表达式写法有误：${reason['zh-CN']}`, `The expression has a mistake: ${reason.en}`)
      : t(
          `表达式写法有误（第 ${line} 行第 ${column} 列）：${reason['zh-CN']}`,
          `The expression has a mistake at line ${line}, column ${column}: ${reason.en}`,
        ),
  /** An expression too long (`length` past `limit` characters) or nested too deeply to be read at all. */
  EXPRESSION_INVALID: ({ length, limit }: { length?: number; limit?: number }) =>
    length === undefined
      ? t(
          '表达式嵌套太深（括号套了太多层），无法读取。请把它拆成几个“数据转换”步骤。',
          'The expression is nested too deeply (too many brackets inside each other) to be read. Split it into several steps.',
        )
      : t(
          `表达式太长：有 ${length} 个字符，最多只能有 ${limit} 个。`,
          `The expression is too long: ${length} characters, and the limit is ${limit}.`,
        ),
  /** A template starts with a name that is not in scope (typo, or a node id without `nodes.`). */
  TEMPLATE_UNKNOWN_ROOT: ({ ref }: { ref: string }) =>
    t(
      `模板里的 “${ref}” 无法识别。请用 trigger.字段 引用流程的输入，或用 nodes.节点ID.字段 引用某个节点的结果。`,
      `The template uses "${ref}", which is unknown. Use trigger.<field> for the flow's input or nodes.<node id>.<field> for a node's result.`,
    ),
  /** `item`/`index` used outside a for-each body. */
  TEMPLATE_LOOP_ONLY: ({ ref }: { ref: string }) =>
    t(
      `“${ref}” 只能在“循环”里面的节点中使用。`,
      `"${ref}" can only be used by nodes inside a "For each" loop.`,
    ),
  /** `trigger.…` in a flow without a trigger. */
  TEMPLATE_NO_TRIGGER: ({ ref }: { ref: string }) =>
    t(
      `“${ref}” 引用了触发器的数据，但这个流程没有触发器。`,
      `"${ref}" uses the trigger's data, but this flow has no trigger.`,
    ),
  /** `nodes.X` where no node X exists. */
  TEMPLATE_UNKNOWN_NODE: ({ ref, node }: { ref: string; node: string }) =>
    t(
      `“${ref}” 引用了节点 “${node}”，但这个节点不存在。`,
      `"${ref}" refers to the node "${node}", which does not exist.`,
    ),
  /** A node's template uses its own result. */
  TEMPLATE_SELF: ({ ref }: { ref: string }) =>
    t(
      `“${ref}” 引用了本节点自己的结果，但那时它还没有结果。`,
      `"${ref}" uses this node's own result, which does not exist yet.`,
    ),
  /** `nodes.X` where X exists but does not run before this node. */
  TEMPLATE_NOT_UPSTREAM: ({ ref, node }: { ref: string; node: string }) =>
    t(
      `“${ref}” 用到了 “${node}” 的结果，但 “${node}” 不在这个节点之前运行。请把它连到这个节点之前。`,
      `"${ref}" uses the result of "${node}", but "${node}" does not run before this node. Connect it so that it comes first.`,
    ),
  /** A loop body node uses its own loop's result, which exists only after the last item. */
  TEMPLATE_ENCLOSING_LOOP: ({ ref, node }: { ref: string; node: string }) =>
    t(
      `“${ref}” 用到了循环 “${node}” 的结果，但循环全部结束后才有结果。在循环里请用 item 和 index。`,
      `"${ref}" uses the result of the loop "${node}", which exists only after the loop ends. Inside the loop, use item and index.`,
    ),
  /** A node outside a loop uses a node inside that loop's body. */
  TEMPLATE_INSIDE_LOOP: ({ ref, node, loop }: { ref: string; node: string; loop: string }) =>
    t(
      `“${ref}” 用到了 “${node}”，但它在循环 “${loop}” 里面，每一轮都有自己的结果。请改用 nodes.${loop}.results。`,
      `"${ref}" uses "${node}", which is inside the loop "${loop}" and has one result per item. Use nodes.${loop}.results instead.`,
    ),
  /**
   * The referenced value has no such field: an object lists the fields it has (`fields`); a single value (`kind`
   * 'value': text, a number, a list) has none.
   */
  TEMPLATE_UNKNOWN_FIELD: ({ ref, owner, key, kind, fields }: UnknownField) => {
    if (kind === 'value') {
      return t(
        `“${ref}”：${owner} 是单个值，没有 “${key}” 这样的字段。`,
        `"${ref}": ${owner} is a single value with no field "${key}".`,
      )
    }
    if (fields.length === 0)
      return t(`“${ref}”：${owner} 没有任何字段。`, `"${ref}": ${owner} has no fields.`)
    return t(
      `“${ref}”：${owner} 没有 “${key}” 这个字段。它的字段有：${zh(fields)}。`,
      `"${ref}": ${owner} has no field "${key}". Its fields are: ${en(fields)}.`,
    )
  },
  /**
   * A credential field (a bot, a mail server) left empty, as in every template and imported flow: credentials belong
   * to an installation, never to a document. An error where runs use credentials; a warning for the command line,
   * which keeps none (see `ValidateOptions.unchosenCredentials`).
   */
  CREDENTIAL_NOT_CHOSEN: ({ label }: { label: Localized }) =>
    t(
      `请选择“${label['zh-CN']}”凭据。模板和导入的流程不带凭据，要在这里选用本单位保存的凭据；还没有的话，先到“凭据”页面添加。`,
      `Choose a credential for "${label.en}". Templates and imported flows carry no credentials: pick one saved on this server, or add it on the Credentials page first.`,
    ),
  /** A field the node cannot work without (its definition marks it `required`) is empty. */
  REQUIRED_EMPTY: ({ label }: { label: Localized }) =>
    t(
      `请填写“${label['zh-CN']}”，这一步不能没有它。可以直接写文字，也可以用 {{ }} 引用前面步骤的结果。`,
      `Fill in "${label.en}": this step cannot work without it. Write the text, or use {{ }} to bring in an earlier step's result.`,
    ),
  /** A node nothing leads into while the flow has a trigger: it never gets the run's data. A warning. */
  UNREACHABLE_NODE: () =>
    t(
      '没有任何连线连到这个节点，它拿不到触发器的数据。请把它连进流程，或删除它。',
      'Nothing is connected to this node, so it never receives the data the flow starts with. Connect it or remove it.',
    ),
} satisfies Record<string, (params: never) => Localized>

export type ProblemCode = keyof typeof problemTexts
export type ProblemParams<C extends ProblemCode> = Parameters<(typeof problemTexts)[C]>[0]

/** Codes that point at a likely mistake but do not stop a run. */
export const warningCodes: ReadonlySet<ProblemCode> = new Set<ProblemCode>(['UNREACHABLE_NODE'])
