export { CustomerSummaryModule } from './customer-summary.module';
