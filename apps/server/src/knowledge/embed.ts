/** How a knowledge base's texts become vectors: the demo embedding, or its provider's `/embeddings`. */
export type Embed = (texts: string[], signal?: AbortSignal) => Promise<Float32Array[]>
