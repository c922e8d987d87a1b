import { SystemClock } from '@hub/shared-kernel';
import type { DataSource } from 'typeorm';
import { CustomerSummaryService } from '../application/customer-summary.service';
import { OdsIngestService } from '../application/ods-ingest.service';
import type { OdsCustomerReader } from '../application/ports/ods-customer-reader';
import { SummaryPolicy } from '../application/summary-policy';
import { TypeormOdsRepository } from '../adapters/persistence/typeorm-ods.repository';
import { InMemoryCustomerLookupAudit } from './in-memory-ods';

/**
 * The module's services over a DataSource without Nest, for tests and benches: the ingest,
 * getCusSummary (audit entries kept in memory, not written) and the read port.
 */
export function standaloneOds(dataSource: DataSource) {
  const repository = new TypeormOdsRepository(dataSource);
  const audit = new InMemoryCustomerLookupAudit();
  return {
    ingest: new OdsIngestService(repository),
    summaries: new CustomerSummaryService(repository, audit, new SystemClock(), new SummaryPolicy()),
    reader: repository as OdsCustomerReader,
    repository,
    auditEntries: audit.entries,
  };
}
