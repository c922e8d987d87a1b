import { Module, type DynamicModule } from '@nestjs/common';
import { CardRegistryModule } from '@hub/card-registry';
import { CrmPipelineModule } from '@hub/crm-pipeline';
import { CustomerSummaryModule } from '@hub/customer-summary';
import { FinancialSegmentsModule } from '@hub/financial-segments';
import { PlatformModule, type PlatformOptions } from '@hub/platform';

@Module({})
export class AppModule {
  static forRoot(options: PlatformOptions): DynamicModule {
    return {
      module: AppModule,
      imports: [
        PlatformModule.forRoot(options),
        CustomerSummaryModule,
        CrmPipelineModule.forRoot(),
        CardRegistryModule,
        FinancialSegmentsModule,
      ],
    };
  }
}
