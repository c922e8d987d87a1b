/**
 * `@hub/crm-pipeline/testing`: in-memory adapters of the module's ports and command factories, for
 * unit tests of this module and of code built on it. Never imported by code that runs in the hub.
 */
export { buildNtbComboCreate, buildEtbComboCreate } from './crm.factories';
export { InMemoryCrmStore, InMemoryCrmReadRepository } from './in-memory-crm.store';
export { InMemoryOdsCustomers } from './in-memory-ods-customers';
