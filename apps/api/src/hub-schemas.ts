import { CARD_REGISTRY_SCHEMA } from '@hub/card-registry';
import { CRM_PIPELINE_SCHEMA } from '@hub/crm-pipeline';
import { CUSTOMER_SUMMARY_SCHEMA } from '@hub/customer-summary';
import { FINANCIAL_SEGMENTS_SCHEMA } from '@hub/financial-segments';
import type { ModuleSchema } from '@hub/platform';

/**
 * The hub's schema outside Nest (the migration CLI, the schema check): every business module's
 * tables and migrations, on top of the platform's. In the running hub each module registers its
 * own (`moduleSchemaProvider`); the migrations run in one history, in timestamp order.
 */
export const HUB_SCHEMAS: readonly ModuleSchema[] = [
  CUSTOMER_SUMMARY_SCHEMA,
  CRM_PIPELINE_SCHEMA,
  CARD_REGISTRY_SCHEMA,
  FINANCIAL_SEGMENTS_SCHEMA,
];
