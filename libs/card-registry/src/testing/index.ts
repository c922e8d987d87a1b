/**
 * `@hub/card-registry/testing`: in-memory adapters of the module's ports and customer factories,
 * for unit tests. Never imported by code that runs in the hub.
 */
export { buildPrivateCustomer, buildCorporateCustomer } from './customer.factory';
export { InMemoryCardRegistryRepository } from './in-memory-card-registry.repository';
export { InMemoryExportFileStorage } from './in-memory-export-file-storage';
