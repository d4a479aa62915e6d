import { useTranslation } from 'react-i18next'
import type { FlowOwnerScope } from '../api/flows-api.ts'
import { ChoiceButtons } from '../ui/choice-buttons.tsx'

/** The server refuses longer searches (GET /api/flows?q=). */
const MAX_SEARCH = 100

interface Props {
  /** Shown only to the owner role, the one role that sees other members' flows. */
  showScope: boolean
  scope: FlowOwnerScope
  onScope: (scope: FlowOwnerScope) => void
  search: string
  onSearch: (search: string) => void
}

/** Above the flows table: whose flows (我的流程 / 全部成员) and a search by name. */
export function FlowListFilter({ showScope, scope, onScope, search, onSearch }: Props) {
  const { t } = useTranslation()
  // Under 全部成员 the server also matches the member's name, so the hint says so.
  const placeholder = t(showScope && scope === 'all' ? 'flows.searchWithOwner' : 'flows.search')
  return (
    <div className="flow-filter">
      {showScope && (
        <ChoiceButtons
          legend={t('flows.ownerScope')}
          options={[
            { value: 'me', label: t('flows.scopeMine') },
            { value: 'all', label: t('flows.scopeAll') },
          ]}
          value={scope}
          onChange={onScope}
          className="flows-scope"
          testIdPrefix="flows-scope-"
        />
      )}
      <input
        type="search"
        className="input flow-filter__search"
        value={search}
        maxLength={MAX_SEARCH}
        placeholder={placeholder}
        aria-label={placeholder}
        onChange={(e) => onSearch(e.target.value)}
        data-testid="flow-search"
      />
    </div>
  )
}
