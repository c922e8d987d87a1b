export { CrmPipelineModule } from './crm-pipeline.module';
export {
  CrmPipelineService,
  type ComboCreateCommand,
  type ComboCreateOutcome,
  type CloseWonCommand,
  type CloseWonOutcome,
  type UpdateLeadStatusCommand,
  type UpdateOpportunityStatusCommand,
} from './application/crm-pipeline.service';
export type * from './application/crm.read-models';
