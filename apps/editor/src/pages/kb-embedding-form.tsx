import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { type CredentialSummary, listCredentials } from '../api/credentials-api.ts'
import { changeEmbedding, DEMO_EMBEDDING_MODEL, type KnowledgeBaseSummary } from '../api/knowledge-api.ts'
import { MODEL_PROVIDER_TYPE } from '../api/model-providers-api.ts'

/** The provider choice for the offline demo embedding, which has no credential. */
const DEMO = 'demo'

/**
 * Changing a knowledge base's embedding model (向量模型): the offline demo, the default provider, or one of the
 * person's model-provider credentials, with the model's name. Every document is indexed again, so it asks first.
 */
export function KbEmbeddingForm(props: {
  kb: KnowledgeBaseSummary
  documentCount: number
  onChanged(): void
  onError(e: unknown): void
  onClose(): void
}) {
  const { kb, documentCount, onChanged, onError, onClose } = props
  const { t } = useTranslation()
  const [providers, setProviders] = useState<CredentialSummary[]>([])
  const [provider, setProvider] = useState(kb.demoEmbedding ? DEMO : (kb.embeddingProviderId ?? ''))
  const [model, setModel] = useState(kb.demoEmbedding ? '' : kb.embeddingModel)
  useEffect(() => {
    listCredentials()
      .then((all) => setProviders(all.filter((c) => c.type === MODEL_PROVIDER_TYPE)))
      .catch(onError)
  }, [onError])
  const nextModel = provider === DEMO ? DEMO_EMBEDDING_MODEL : model.trim()
  const label = provider === DEMO ? t('knowledge.demoEmbedding') : nextModel
  return (
    <form
      data-testid="kb-embedding-form"
      onSubmit={(e) => {
        e.preventDefault()
        if (!nextModel) return
        if (
          !window.confirm(
            t('knowledge.confirmEmbedding', { name: kb.name, model: label, count: documentCount }),
          )
        )
          return
        changeEmbedding(kb.id, provider === DEMO || provider === '' ? null : provider, nextModel)
          .then(() => {
            onClose()
            onChanged()
          })
          .catch(onError)
      }}
    >
      <label>
        {t('knowledge.embeddingProvider')}{' '}
        <select
          className="input"
          value={provider}
          onChange={(e) => setProvider(e.target.value)}
          data-testid="kb-embedding-provider"
        >
          <option value={DEMO}>{t('knowledge.demoEmbedding')}</option>
          <option value="">{t('knowledge.defaultProvider')}</option>
          {providers.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </select>
      </label>{' '}
      {provider !== DEMO && (
        <label>
          {t('knowledge.embeddingModel')}{' '}
          <input
            className="input"
            value={model}
            onChange={(e) => setModel(e.target.value)}
            placeholder="text-embedding-v4"
            required
            data-testid="kb-embedding-model"
          />
        </label>
      )}{' '}
      <button type="submit" className="btn btn--primary" data-testid="kb-embedding-save">
        {t('knowledge.reindex')}
      </button>{' '}
      <button type="button" className="btn" onClick={onClose}>
        {t('knowledge.cancel')}
      </button>
      <p className="field__help">{t('knowledge.embeddingHelp')}</p>
    </form>
  )
}
