export { CrmPipelineModule } from './crm-pipeline.module';
