import type {
  ChatMessage,
  ChatRequest,
  ChatUsage,
  ImageRequest,
  ImageResponse,
  NodeChunk,
  SpeechRequest,
  SpeechResponse,
  ToolCall,
  TranscriptionRequest,
  TranscriptionResponse,
} from '@zhiliu/nodes'

/** One round trip to a model, after the gateway chose the provider and the model. */
export interface ChatCall {
  model: string
  messages: ChatMessage[]
  temperature?: number
  maxTokens?: number
  responseFormat?: ChatRequest['responseFormat']
  demoKey?: string
  tools?: ChatRequest['tools']
}

export interface ChatAnswer {
  text: string
  reasoning?: string
  toolCalls?: ToolCall[]
  /** The model that answered, as the provider reports it. */
  model: string
  usage: ChatUsage
}

/** How the gateway reaches a model: the openai SDK against a base URL, or the offline demo model. */
export interface ChatBackend {
  complete(call: ChatCall, signal: AbortSignal, onChunk?: (chunk: NodeChunk) => void): Promise<ChatAnswer>
  image(
    request: ImageRequest & { model: string },
    signal: AbortSignal,
  ): Promise<Omit<ImageResponse, 'provider'>>
  speech(
    request: SpeechRequest & { model: string; voice: string },
    signal: AbortSignal,
  ): Promise<Omit<SpeechResponse, 'provider'>>
  transcribe(
    request: TranscriptionRequest & { model: string },
    signal: AbortSignal,
  ): Promise<Omit<TranscriptionResponse, 'provider'>>
}
