import { mediaStoreContract } from '../media/media-store-contract.ts'
import { createTestMediaStore } from './test-media-store.ts'

mediaStoreContract('the in-memory test store', createTestMediaStore)
