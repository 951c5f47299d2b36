/**
 * `kindred/store`: the programme store in memory (`kindred/sqlite` holds the SQLite one),
 * importing lab and frequency files into it, searching it and exporting from it.
 * Browser-safe (files are given as text).
 *
 * @module
 */

export type { ImportBatch, ImportBatchOptions } from './store/import-batch.js';
export { importBatch, importBatches } from './store/import-batch.js';
export type { ImportFormat, ReadImportOptions } from './store/import-sources.js';
export { detectImportFormat, IMPORT_FORMATS, readImportFile } from './store/import-sources.js';
export type {
  MatchLoci,
  MatchLocus,
  SearchStoreOptions,
  SearchSummary,
} from './store/match-search.js';
export { matchLoci, searchStore } from './store/match-search.js';
export { createMemoryStore } from './store/memory-store.js';
export type {
  MatchRecord,
  MatchStatus,
  ProfileStore,
  StoredFamily,
  StoredProfile,
  StoreReader,
  StoreWriter,
} from './store/profile-store.js';
export { MATCH_STATUSES } from './store/profile-store.js';
export { exportDVIDocument, exportFamilias } from './store/store-export.js';
