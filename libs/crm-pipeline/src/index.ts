export { CrmPipelineModule, type CrmPipelineOptions } from './crm-pipeline.module';
export { CRM_PIPELINE_SCHEMA } from './adapters/persistence/crm-pipeline.schema';
export { CrmPipelineService } from './application/crm-pipeline.service';
export {
  CrmCommandsService,
  STALE_RECORDS_ACTOR,
  type ComboCreateOutcome,
  type CloseWonOutcome,
} from './application/crm-commands.service';
export { CrmQueriesService, type CrmCatalogue } from './application/crm-queries.service';
export type {
  ComboCreateCommand,
  CloseWonCommand,
  UpdateLeadStatusCommand,
  UpdateOpportunityStatusCommand,
} from './application/crm-input';
export { CrmConfig, DEFAULT_PRODUCTS, DEFAULT_CHANNELS } from './application/crm-config';
export { STALE_RECORDS_QUEUE } from './adapters/jobs/crm-stale-records.job';
export type * from './application/crm.read-models';

// The ports (abstract classes, each its own DI token) a team may implement: README, "Ports".
export { CrmRepository, type CrmTransaction, type StaleClosure } from './application/ports/crm.repository';
export { CrmReadRepository } from './application/ports/crm-read.repository';
export { OdsCustomers, type OdsLookupContext } from './application/ports/ods-customers';
export { Lead, type LeadProps, type NewLead } from './domain/lead';
export { Opportunity, type OpportunityProps, type NewOpportunity } from './domain/opportunity';
export type { Stamp, StatusChange } from './domain/status-change';
