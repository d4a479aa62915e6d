import { useCallback, useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import {
  createKnowledgeBase,
  deleteDocument,
  deleteKnowledgeBase,
  type FoundChunk,
  type KbDocumentSummary,
  type KnowledgeBaseSummary,
  listChunks,
  listDocuments,
  listKnowledgeBases,
  queryKnowledgeBase,
  renameKnowledgeBase,
  uploadDocument,
} from '../api/knowledge-api.ts'
import { ErrorText } from '../ui/error-text.tsx'
import { KbEmbeddingForm } from './kb-embedding-form.tsx'

const finished = (d: KbDocumentSummary) => d.status === 'ready' || d.status === 'failed'

/** 知识库: knowledge bases, their documents with live status, a chunk preview and hit testing (召回测试). */
export function KnowledgePage() {
  const { t } = useTranslation()
  const [kbs, setKbs] = useState<KnowledgeBaseSummary[]>()
  const [current, setCurrent] = useState<string>()
  const [name, setName] = useState('')
  const [error, setError] = useState<unknown>()
  const reload = useCallback(() => {
    listKnowledgeBases()
      .then((list) => {
        setKbs(list)
        setCurrent((c) => (c && list.some((kb) => kb.id === c) ? c : list[0]?.id))
      })
      .catch(setError)
  }, [])
  useEffect(reload, [reload])
  const kb = kbs?.find((k) => k.id === current)

  return (
    <div className="page">
      <div className="page__head">
        <h1>{t('knowledge.title')}</h1>
      </div>
      <p className="page__lead">{t('knowledge.lead')}</p>
      <ErrorText error={error} />
      <form
        onSubmit={(e) => {
          e.preventDefault()
          if (!name.trim()) return
          createKnowledgeBase(name.trim())
            .then((created) => {
              setName('')
              setCurrent(created.id)
              reload()
            })
            .catch(setError)
        }}
      >
        <input
          className="input"
          value={name}
          onChange={(e) => setName(e.target.value)}
          placeholder={t('knowledge.newName')}
          data-testid="kb-name"
        />{' '}
        <button type="submit" className="btn btn--primary" data-testid="kb-create">
          {t('knowledge.create')}
        </button>
      </form>
      <p>
        {kbs?.map((k) => (
          <button
            key={k.id}
            type="button"
            className={k.id === current ? 'btn btn--primary' : 'btn'}
            onClick={() => setCurrent(k.id)}
          >
            {k.name}
          </button>
        ))}
      </p>
      {kb && <KnowledgeBasePanel key={kb.id} kb={kb} onChanged={reload} onError={setError} />}
    </div>
  )
}

function KnowledgeBasePanel(props: {
  kb: KnowledgeBaseSummary
  onChanged(): void
  onError(e: unknown): void
}) {
  const { kb, onChanged, onError } = props
  const { t } = useTranslation()
  const [docs, setDocs] = useState<KbDocumentSummary[]>()
  const [preview, setPreview] = useState<{
    name: string
    chunks: Array<{ id: string; heading: string | null; text: string }>
  }>()
  const [question, setQuestion] = useState('')
  const [mode, setMode] = useState('hybrid')
  const [rerank, setRerank] = useState(false)
  const [rerankModel, setRerankModel] = useState('')
  // With whether they were reranked: the score then is the rerank model's relevance.
  const [hits, setHits] = useState<{ chunks: FoundChunk[]; reranked: boolean }>()
  const [changingEmbedding, setChangingEmbedding] = useState(false)
  const load = useCallback(() => listDocuments(kb.id).then(setDocs).catch(onError), [kb.id, onError])
  useEffect(() => {
    void load()
  }, [load])
  // Live status: poll while a document is still being processed.
  useEffect(() => {
    if (!docs || docs.every(finished)) return
    const timer = setTimeout(() => void load(), 1000)
    return () => clearTimeout(timer)
  }, [docs, load])

  return (
    <section data-testid="kb-panel">
      <p>
        <span data-testid="kb-embedding">
          {kb.demoEmbedding ? t('knowledge.demoEmbedding') : kb.embeddingModel}
        </span>{' '}
        <button
          type="button"
          className="btn"
          onClick={() => setChangingEmbedding(true)}
          data-testid="kb-embedding-change"
        >
          {t('knowledge.changeEmbedding')}
        </button>{' '}
        <button
          type="button"
          className="btn"
          onClick={() => {
            const next = window.prompt(t('knowledge.rename'), kb.name)
            if (next?.trim()) renameKnowledgeBase(kb.id, next.trim()).then(onChanged).catch(onError)
          }}
        >
          {t('knowledge.rename')}
        </button>{' '}
        <button
          type="button"
          className="btn"
          onClick={() => {
            if (window.confirm(t('knowledge.confirmDelete', { name: kb.name })))
              deleteKnowledgeBase(kb.id).then(onChanged).catch(onError)
          }}
        >
          {t('knowledge.delete')}
        </button>
      </p>
      {changingEmbedding && (
        <KbEmbeddingForm
          kb={kb}
          documentCount={docs?.length ?? 0}
          onChanged={() => {
            onChanged()
            void load()
          }}
          onError={onError}
          onClose={() => setChangingEmbedding(false)}
        />
      )}
      <h2>{t('knowledge.documents')}</h2>
      <input
        type="file"
        accept=".txt,.md,.html,.htm,.docx,.pdf"
        data-testid="kb-upload"
        onChange={(e) => {
          const file = e.target.files?.[0]
          if (file) uploadDocument(kb.id, file).then(load).catch(onError)
          e.target.value = ''
        }}
      />
      <table className="table">
        <tbody>
          {docs?.map((d) => (
            <tr key={d.id} data-testid="kb-document">
              <td>{d.name}</td>
              <td data-testid="kb-status">
                {t(`knowledge.status.${d.status}`)}
                {d.error ? `：${d.error}` : ''}
              </td>
              <td>{d.chunkCount}</td>
              <td>
                <button
                  type="button"
                  className="btn"
                  disabled={d.status !== 'ready'}
                  onClick={() =>
                    listChunks(kb.id, d.id)
                      .then((chunks) => setPreview({ name: d.name, chunks }))
                      .catch(onError)
                  }
                >
                  {t('knowledge.chunks')}
                </button>{' '}
                <button
                  type="button"
                  className="btn"
                  onClick={() => deleteDocument(kb.id, d.id).then(load).catch(onError)}
                >
                  {t('knowledge.delete')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {preview && (
        <div>
          <h3>{preview.name}</h3>
          {preview.chunks.map((c) => (
            <pre key={c.id} className="field__help" style={{ whiteSpace: 'pre-wrap' }}>
              {c.heading ? `【${c.heading}】\n` : ''}
              {c.text}
            </pre>
          ))}
        </div>
      )}
      <h2>{t('knowledge.hitTest')}</h2>
      <form
        onSubmit={(e) => {
          e.preventDefault()
          if (!question.trim()) return
          const reranked = rerank
          queryKnowledgeBase(
            kb.id,
            question.trim(),
            mode,
            reranked ? { model: rerankModel.trim() } : undefined,
          )
            .then((chunks) => setHits({ chunks, reranked }))
            .catch(onError)
        }}
      >
        <input
          className="input"
          value={question}
          onChange={(e) => setQuestion(e.target.value)}
          placeholder={t('knowledge.question')}
          data-testid="kb-question"
        />{' '}
        <select className="input" value={mode} onChange={(e) => setMode(e.target.value)}>
          {['hybrid', 'keyword', 'vector'].map((m) => (
            <option key={m} value={m}>
              {t(`knowledge.mode.${m}`)}
            </option>
          ))}
        </select>{' '}
        <label>
          <input
            type="checkbox"
            checked={rerank}
            onChange={(e) => setRerank(e.target.checked)}
            data-testid="kb-rerank"
          />{' '}
          {t('knowledge.rerank')}
        </label>{' '}
        {rerank && (
          <input
            className="input"
            value={rerankModel}
            onChange={(e) => setRerankModel(e.target.value)}
            placeholder={t('knowledge.rerankModel')}
            aria-label={t('knowledge.rerankModel')}
          />
        )}{' '}
        <button type="submit" className="btn" data-testid="kb-search">
          {t('knowledge.search')}
        </button>
      </form>
      {hits?.chunks.length === 0 && <p>{t('knowledge.noHits')}</p>}
      {hits?.chunks.map((h, i) => (
        <article key={h.chunkId} data-testid="kb-hit" className="field__help">
          <strong>
            [{i + 1}] {h.document.name} ·{' '}
            <span data-testid="kb-hit-score">
              {t(hits.reranked ? 'knowledge.rerankScore' : 'knowledge.score', { score: h.score })}
            </span>
          </strong>{' '}
          {h.keywordRank !== undefined && `${t('knowledge.mode.keyword')} #${h.keywordRank} `}
          {h.vectorRank !== undefined && `${t('knowledge.mode.vector')} #${h.vectorRank}`}
          <p style={{ whiteSpace: 'pre-wrap' }}>
            {h.heading ? `【${h.heading}】 ` : ''}
            {h.text}
          </p>
        </article>
      ))}
    </section>
  )
}
