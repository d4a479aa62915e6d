import { useCallback, useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import {
  listModelPrices,
  MEDIA_UNITS,
  type ModelPriceView,
  type NewModelPrice,
  resetModelPrice,
  setModelPrice,
  type TokenPrice,
} from '../api/model-prices-api.ts'
import { useLocale } from '../i18n/use-locale.ts'
import { useIsOwner } from '../session/session-store.ts'
import { ErrorText } from '../ui/error-text.tsx'
import {
  type CurrencyDraft,
  currencyDraft,
  emptyCurrency,
  type PriceDraft,
  priceFromDraft,
} from './price-draft.ts'

/**
 * What model calls cost, per million tokens: the table run details are priced by. Everyone sees it; the owner
 * corrects a price, adds a model the table lacks, or goes back to the built-in price.
 */
export function ModelPricesSection() {
  const { t } = useTranslation()
  const isOwner = useIsOwner()
  const [items, setItems] = useState<ModelPriceView[]>()
  const [error, setError] = useState<unknown>()
  // The model whose row is being edited, or 'new' for the row that adds one.
  const [editing, setEditing] = useState<string | 'new'>()
  const [draft, setDraft] = useState<PriceDraft>(emptyDraft(''))
  const [problem, setProblem] = useState<string>()

  const reload = useCallback(() => {
    listModelPrices().then(setItems).catch(setError)
  }, [])
  useEffect(reload, [reload])

  const edit = (row: ModelPriceView | 'new') => {
    setProblem(undefined)
    setError(undefined)
    setEditing(row === 'new' ? 'new' : row.model)
    // Prefilled in yuan only: a changed yuan price must not sit beside a stale dollar one.
    setDraft(row === 'new' ? emptyDraft('') : { ...emptyDraft(row.model), cny: currencyDraft(row.cny) })
  }

  const save = async () => {
    const parsed = priceFromDraft(draft)
    if (!parsed.ok) return setProblem(t(`prices.problem.${parsed.problem}`))
    try {
      await setModelPrice(parsed.price satisfies NewModelPrice)
      setEditing(undefined)
      reload()
    } catch (err) {
      setError(err)
    }
  }

  const reset = async (row: ModelPriceView) => {
    const question = row.builtin ? 'prices.confirmReset' : 'prices.confirmRemove'
    if (!window.confirm(t(question, { model: row.model }))) return
    try {
      await resetModelPrice(row.model)
      reload()
    } catch (err) {
      setError(err)
    }
  }

  const modelField = (
    <input
      className="input input--compact"
      aria-label={t('prices.model')}
      placeholder={t('prices.modelPlaceholder')}
      value={draft.model}
      onChange={(e) => setDraft({ ...draft, model: e.target.value })}
      data-testid="price-model"
    />
  )

  const currencyFields = (currency: 'cny' | 'usd') => {
    const symbol = currency === 'cny' ? '¥' : '$'
    const box = (key: keyof CurrencyDraft, placeholder: string) => (
      <input
        className="input input--compact price-table__input"
        inputMode="decimal"
        aria-label={`${t(`prices.unit.${key}`)} ${symbol}`}
        placeholder={currency === 'usd' ? t('prices.converted') : placeholder}
        value={draft[currency][key]}
        onChange={(e) => setDraft({ ...draft, [currency]: { ...draft[currency], [key]: e.target.value } })}
        data-testid={`price-${currency}-${key}`}
      />
    )
    return (
      <td>
        <div className="price-table__pair">
          {box('input', t('prices.unit.input'))}
          {box('output', t('prices.unit.output'))}
        </div>
        {/* Media models billed by the picture, the character or the minute: most rows leave these empty. */}
        <div className="price-table__units">
          {MEDIA_UNITS.map((unit) => (
            <span key={unit}>{box(unit, t(`prices.unit.${unit}`))}</span>
          ))}
        </div>
      </td>
    )
  }

  const editRow = (model: string | undefined) => (
    <tr key={model ?? 'new'} className="price-table__editing" data-testid="price-editor">
      <td>{model === undefined ? modelField : <code>{model}</code>}</td>
      {currencyFields('cny')}
      {currencyFields('usd')}
      <td colSpan={isOwner ? 2 : 1}>
        <div className="table__actions">
          <button type="button" className="btn btn--small btn--primary" onClick={() => void save()}>
            {t('prices.save')}
          </button>
          <button type="button" className="btn btn--small" onClick={() => setEditing(undefined)}>
            {t('prices.cancel')}
          </button>
        </div>
      </td>
    </tr>
  )

  return (
    <section className="card" aria-labelledby="prices-title" data-testid="model-prices">
      <div className="page__head">
        <h2 id="prices-title">{t('prices.title')}</h2>
        <span className="toolbar__spacer" />
        {isOwner && (
          <button type="button" className="btn" onClick={() => edit('new')} data-testid="price-new">
            + {t('prices.new')}
          </button>
        )}
      </div>
      <p>{t(isOwner ? 'prices.leadOwner' : 'prices.lead')}</p>
      {problem && editing && (
        <p className="error-text" role="alert">
          {problem}
        </p>
      )}
      <ErrorText error={error} />
      {items && (
        <div className="price-table__scroll">
          <table className="table price-table">
            <thead>
              <tr>
                <th>{t('prices.model')}</th>
                <th>{t('prices.cny')}</th>
                <th>{t('prices.usd')}</th>
                {isOwner && <th />}
              </tr>
            </thead>
            <tbody>
              {editing === 'new' && editRow(undefined)}
              {items.map((row) =>
                editing === row.model ? (
                  editRow(row.model)
                ) : (
                  <tr key={row.model} data-model={row.model}>
                    <td>
                      <code>{row.model}</code>
                      {row.custom && (
                        <span className="tag tag--info price-table__tag">{t('prices.custom')}</span>
                      )}
                    </td>
                    <PriceCell price={row.cny} symbol="¥" />
                    <PriceCell price={row.usd} symbol="$" />
                    {isOwner && (
                      <td>
                        <div className="table__actions">
                          <button type="button" className="btn btn--small" onClick={() => edit(row)}>
                            {t('prices.edit')}
                          </button>
                          {row.custom && (
                            <button type="button" className="btn btn--small" onClick={() => void reset(row)}>
                              {t(row.builtin ? 'prices.reset' : 'prices.remove')}
                            </button>
                          )}
                        </div>
                      </td>
                    )}
                  </tr>
                ),
              )}
            </tbody>
          </table>
        </div>
      )}
    </section>
  )
}

/** "¥2 / ¥3": input then output. Converted prices carry eight decimals; four are plenty to read (0.1389). */
function PriceCell({ price, symbol }: { price: TokenPrice; symbol: string }) {
  const { t } = useTranslation()
  const format = new Intl.NumberFormat(useLocale(), { maximumFractionDigits: 4 })
  return (
    <td className="price-table__number">
      {symbol}
      {format.format(price.input)} / {symbol}
      {format.format(price.output)}
      {MEDIA_UNITS.map(
        (unit) =>
          price[unit] !== undefined && (
            <span key={unit} className="price-table__image">
              {t(`prices.each.${unit}`, { price: `${symbol}${format.format(price[unit] as number)}` })}
            </span>
          ),
      )}
    </td>
  )
}

function emptyDraft(model: string): PriceDraft {
  return { model, cny: emptyCurrency(), usd: emptyCurrency() }
}
