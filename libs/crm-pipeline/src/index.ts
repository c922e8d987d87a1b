export { CrmPipelineModule } from './crm-pipeline.module';
export {
  CrmPipelineService,
  STALE_RECORDS_ACTOR,
  type ComboCreateCommand,
  type ComboCreateOutcome,
  type CloseWonCommand,
  type CloseWonOutcome,
  type CrmCatalogue,
  type UpdateLeadStatusCommand,
  type UpdateOpportunityStatusCommand,
} from './application/crm-pipeline.service';
export { CrmConfig, DEFAULT_PRODUCTS, DEFAULT_CHANNELS } from './application/crm-config';
export type { StaleClosure } from './application/ports/crm.repository';
// The module's clock (a DI token): tests move it to run the stale-record job "days later".
export { Clock as CrmClock } from './application/ports/clock';
export { STALE_RECORDS_QUEUE } from './adapters/jobs/crm-stale-records.job';
export type * from './application/crm.read-models';
