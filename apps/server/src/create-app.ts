import { bodyLimit } from 'hono/body-limit'
import { secureHeaders } from 'hono/secure-headers'
import type { AppDeps } from './app-deps.ts'
import { createApprovalRoutes } from './approvals/approval-routes.ts'
import { authenticate } from './auth/authenticate.ts'
import { createSessionRoutes } from './auth/create-session-routes.ts'
import { createSetupRoutes } from './auth/create-setup-routes.ts'
import { createTokenRoutes } from './auth/create-token-routes.ts'
import { createUserAdminRoutes } from './auth/create-user-admin-routes.ts'
import { createUserRoutes } from './auth/create-user-routes.ts'
import { createCatalogueRoutes } from './catalogue/create-catalogue-routes.ts'
import { createChatPageRoutes } from './chat/chat-page-routes.ts'
import { createChatRoutes } from './chat/chat-routes.ts'
import { createConversationRoutes } from './chat/conversation-routes.ts'
import { createClassRoutes } from './classroom/class-routes.ts'
import { createCredentialRoutes } from './credentials/create-credential-routes.ts'
import { createCredentialTypeRoutes } from './credentials/create-credential-type-routes.ts'
import { createFlowRoutes } from './flows/create-flow-routes.ts'
import { createTransferRoutes } from './flows/create-transfer-routes.ts'
import { createVersionRoutes } from './flows/create-version-routes.ts'
import { ApiError } from './http/api-error.ts'
import { contentPolicy } from './http/content-policy.ts'
import { createHealthRoutes } from './http/create-health-routes.ts'
import { createRouter } from './http/create-router.ts'
import { errorResponse } from './http/error-response.ts'
import { guardJsonBody } from './http/guard-json-body.ts'
import { requestLog } from './http/request-log.ts'
import { createKnowledgeBaseRoutes } from './knowledge/knowledge-base-routes.ts'
import { createKnowledgeDocumentRoutes } from './knowledge/knowledge-document-routes.ts'
import { createKnowledgeSearchRoutes } from './knowledge/knowledge-search-routes.ts'
import { isKnowledgeUpload } from './knowledge/knowledge-upload.ts'
import { createSampleKnowledgeRoutes } from './knowledge/sample-knowledge-routes.ts'
import { isFileImport, MAX_IMPORT_BYTES } from './lessons/file-imports.ts'
import { createLessonRoutes } from './lessons/lesson-routes.ts'
import { createMcpServerRoutes } from './mcp/mcp-server-routes.ts'
import { createMcpToolRoutes } from './mcp/mcp-tool-routes.ts'
import { createMediaRoutes } from './media/media-routes.ts'
import { createMediaUploadRoutes, isMediaUpload } from './media/media-upload-routes.ts'
import { createMetricsRoutes } from './metrics/metrics-routes.ts'
import { createModelPriceRoutes } from './models/create-model-price-routes.ts'
import { createModelProviderRoutes } from './models/create-model-provider-routes.ts'
import { createDocsRoutes } from './openapi/create-docs-routes.ts'
import { createOpenApiDocument } from './openapi/openapi-document.ts'
import { createDemoReceiverRoutes } from './publishing/demo-receiver-routes.ts'
import { createPublishingRoutes } from './publishing/publishing-routes.ts'
import { createRunFileRoutes } from './runs/run-file-routes.ts'
import { createRunRoutes } from './runs/run-routes.ts'
import { createSettingsRoutes } from './settings/create-settings-routes.ts'
import { createShareRoutes } from './sharing/share-routes.ts'
import { createSharedFlowRoutes, createSharePageRoutes } from './sharing/shared-flow-routes.ts'
import { serveEditor } from './static/serve-editor.ts'
import { createTestCaptureRoutes } from './webhooks/test-capture-routes.ts'
import { createWebhookRoutes } from './webhooks/webhook-routes.ts'
import { createWebhookSecretRoutes } from './webhooks/webhook-secret-routes.ts'

/**
 * The whole HTTP surface. Order matters in one place only: routers mounted before `authenticate` are public
 * (health, metrics, docs, setup, login, shared flows, chat apps; /mcp checks its own token); every router after it needs a
 * signed-in caller. Add new API routers at the end.
 */
export function createApp(deps: AppDeps) {
  const app = createRouter()
  const logFailure = (err: unknown) => deps.logger.error({ err: deps.redactor.redact(err) }, 'request failed')
  app.onError((err, c) => errorResponse(err, c, logFailure))
  app.notFound((c) => errorResponse(ApiError.notFound('This route'), c, logFailure))
  app.use(
    secureHeaders({ crossOriginResourcePolicy: false, xFrameOptions: false }),
    requestLog(deps),
    contentPolicy(deps),
  )
  const apiBodyLimit = bodyLimit({
    maxSize: deps.config.bodyLimitBytes,
    onError: () => {
      throw new ApiError(413, 'BODY_TOO_LARGE', `The body is larger than ${deps.config.bodyLimitBytes} bytes`)
    },
  })
  // A lesson pack or run file carries recorded answers (images and speech in base64): more than a request body.
  const importBodyLimit = bodyLimit({
    maxSize: MAX_IMPORT_BYTES,
    onError: () => {
      throw new ApiError(413, 'BODY_TOO_LARGE', `The file is larger than ${MAX_IMPORT_BYTES} bytes`)
    },
  })
  app.use(
    '/api/*',
    // An uploaded file has its own, larger limit, checked after sign-in; everything else is JSON.
    (c, next) =>
      isMediaUpload(c.req) || isKnowledgeUpload(c.req)
        ? next()
        : isFileImport(c.req.path)
          ? importBodyLimit(c, next)
          : apiBodyLimit(c, next),
    guardJsonBody(),
  )
  const openApiDocument = createOpenApiDocument(app)
  // One set of test windows: the public /hooks/test URL captures into what the signed-in API reads.
  const testCapture = createTestCaptureRoutes(deps)

  return (
    app
      .route('/', createHealthRoutes(deps))
      .route('/', createMetricsRoutes(deps))
      .route('/api', createDocsRoutes(openApiDocument))
      .route('/api', createSetupRoutes(deps))
      .route('/hooks', createWebhookRoutes(deps))
      .route('/hooks', testCapture.hooks)
      // API tokens only, checked by the route itself (see there): not under /api's cookie-or-token sign-in.
      .route('/', createMcpServerRoutes(deps))
      .route('/api', createSharedFlowRoutes(deps))
      .route('/api', createChatRoutes(deps))
      .use('/api/*', authenticate(deps))
      .route('/api', createSessionRoutes(deps))
      .route('/api', createUserRoutes(deps))
      .route('/api', createUserAdminRoutes(deps))
      .route('/api', createTokenRoutes(deps))
      .route('/api', createTransferRoutes(deps))
      .route('/api', createLessonRoutes(deps))
      .route('/api', createFlowRoutes(deps))
      .route('/api', createVersionRoutes(deps))
      .route('/api', createCredentialTypeRoutes())
      .route('/api', createCredentialRoutes(deps))
      .route('/api', createMcpToolRoutes(deps))
      .route('/api', createModelProviderRoutes(deps))
      .route('/api', createModelPriceRoutes(deps))
      .route('/api', createSettingsRoutes(deps))
      .route('/api', createCatalogueRoutes(deps))
      .route('/api', createRunFileRoutes(deps))
      .route('/api', createRunRoutes(deps))
      .route('/api', createApprovalRoutes(deps))
      .route('/api', createWebhookSecretRoutes(deps))
      .route('/api', testCapture.api)
      .route('/api', createMediaUploadRoutes(deps))
      .route('/api', createShareRoutes(deps))
      .route('/api', createClassRoutes(deps))
      .route('/api', createDemoReceiverRoutes(deps))
      .route('/api', createConversationRoutes(deps))
      .route('/api', createSampleKnowledgeRoutes(deps))
      .route('/api', createKnowledgeBaseRoutes(deps))
      .route('/api', createKnowledgeDocumentRoutes(deps))
      .route('/api', createKnowledgeSearchRoutes(deps))
      .route('/', createPublishingRoutes(deps))
      .route('/', createMediaRoutes(deps))
      .route('/', createSharePageRoutes(deps))
      .route('/', createChatPageRoutes(deps))
      .route('/', serveEditor())
  )
}

export type AppType = ReturnType<typeof createApp>
