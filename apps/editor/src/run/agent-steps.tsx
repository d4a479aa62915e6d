import { useTranslation } from 'react-i18next'
import { JsonViewer } from './json-viewer.tsx'

interface StepView {
  message: string
  reasoning?: string
  toolCalls: { id: string; name: string; arguments: unknown; result?: unknown; error?: string; ms: number }[]
  ms: number
  usage: { promptTokens: number; completionTokens: number }
  cost?: { cny: number; usd: number }
}

/** An agent's steps (its output's `steps`, or a failed agent's `details.steps`), or undefined for anything else. */
export function agentStepsOf(value: unknown): StepView[] | undefined {
  const steps = (value as { steps?: unknown } | null | undefined)?.steps
  if (!Array.isArray(steps)) return undefined
  return steps.every((s) => typeof s === 'object' && s !== null && Array.isArray(s.toolCalls))
    ? (steps as StepView[])
    : undefined
}

/**
 * What an `ai.agent` did, step by step: the model's message, its thinking apart (folded, as ai.chat's), each tool
 * call with its arguments and result or error, and each step's time, tokens and cost.
 */
export function AgentSteps({ steps }: { steps: readonly StepView[] }) {
  const { t } = useTranslation()
  return (
    <section data-testid="agent-steps">
      <h3>{t('inspect.agentSteps')}</h3>
      <ol className="agent-steps">
        {steps.map((step, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: steps never reorder
          <li key={index} className="agent-step" data-testid="agent-step">
            <div className="inspect__timing">
              {t('inspect.agentStepFigures', {
                ms: step.ms,
                tokens: step.usage.promptTokens + step.usage.completionTokens,
              })}
              {step.cost && ` · ¥${step.cost.cny.toFixed(4)}`}
            </div>
            {step.reasoning && (
              <details>
                <summary>{t('inspect.agentReasoning')}</summary>
                <pre className="inspect__stream">{step.reasoning}</pre>
              </details>
            )}
            {step.message && <p>{step.message}</p>}
            {step.toolCalls.map((call) => (
              <div key={call.id} className="agent-tool-call" data-testid="agent-tool-call">
                <strong>
                  {t('inspect.agentToolCall', { name: call.name })} · {call.ms} ms
                </strong>
                <JsonViewer value={call.arguments} />
                {call.error !== undefined ? (
                  <p className="field__error" role="alert">
                    {call.error}
                  </p>
                ) : (
                  <JsonViewer value={call.result} />
                )}
              </div>
            ))}
          </li>
        ))}
      </ol>
    </section>
  )
}
