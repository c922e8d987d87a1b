/**
 * `@hub/financial-segments/testing`: in-memory and scripted adapters of the module's ports and
 * transaction factories, for unit tests. Never imported by code that runs in the hub.
 */
export { FakeHostResolver } from './fake-host-resolver';
export { FakeOdsCasaSource } from './fake-ods-casa-source';
export { InMemoryFxRateRepository } from './in-memory-fx-rate.repository';
export { InMemorySynchronizationRepository } from './in-memory-synchronization.repository';
export { InMemoryUserDataRepository } from './in-memory-user-data.repository';
export { InMemoryWebhookDeliveryRepository } from './in-memory-webhook-delivery.repository';
export { ScriptedWebhookSender } from './scripted-webhook-sender';
export { buildTransaction, buildAccount } from './transaction.factory';
