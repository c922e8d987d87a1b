export { FinancialSegmentsModule } from './financial-segments.module';
