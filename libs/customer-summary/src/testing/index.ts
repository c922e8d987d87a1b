/**
 * `@hub/customer-summary/testing`: test aids for this lib's tests, other modules' tests, the
 * benchmarks and `npm run ods:serve`. Never imported by code that runs in the hub.
 */
// An in-memory ODS that implements OdsRepository and OdsCustomerReader.
export { InMemoryOds, InMemoryCustomerLookupAudit } from './in-memory-ods';
// A stub of a bank's ODS service over any ODS source.
export { StubOdsServer, type StubOdsBehaviour } from './stub-ods-server';
// The module's services over a DataSource, without Nest.
export { standaloneOds } from './standalone-ods';
