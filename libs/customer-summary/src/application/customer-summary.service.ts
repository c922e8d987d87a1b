import { Injectable } from '@nestjs/common';
import {
  Clock,
  LegalId,
  matchCif,
  MobileNumber,
  UnavailableError,
  domainError,
  type ErrorDetail,
} from '@hub/shared-kernel';
import { assembleSummary, type CustomerSummary } from '../domain/customer-summary';
import { CustomerSummaryErrors } from '../domain/customer-summary.errors';
import { summaryWarnings, type SummaryWarning } from '../domain/customer-summary.warnings';
import { CustomerLookupAudit, type LookupOutcome } from './ports/customer-lookup-audit';
import { OdsRepository, type IdentifierQuery } from './ports/ods.repository';
import { SummaryPolicy } from './summary-policy';

export interface CustomerSummaryQuery {
  readonly legalId?: string | null;
  readonly mobileNumber?: string | null;
}

/** Who asks, for the audit record. */
export interface LookupContext {
  readonly actor: string;
  readonly requestId: string;
}

export interface CustomerSummaryView {
  readonly total: 0 | 1;
  readonly data: readonly CustomerSummary[];
  /** Beside the data: STALE_DATA and the data-quality flags of the CIF shown. */
  readonly warnings: readonly SummaryWarning[];
}

/**
 * getCusSummary (docs/contracts/customer-summary.md): normalise the identifiers, find the candidate CIFs, apply the
 * kernel's matching rules, and answer with the one customer's summary, nothing, or
 * DUPLICATE_CIF. Every lookup is audited, whatever its outcome.
 */
@Injectable()
export class CustomerSummaryService {
  constructor(
    private readonly ods: OdsRepository,
    private readonly audit: CustomerLookupAudit,
    private readonly clock: Clock,
    private readonly policy: SummaryPolicy,
  ) {}

  async getSummary(query: CustomerSummaryQuery, context: LookupContext): Promise<CustomerSummaryView> {
    const rawLegalId = blankToNull(query.legalId);
    const rawMobile = blankToNull(query.mobileNumber);
    const legalId = rawLegalId === null ? null : LegalId.tryParse(rawLegalId);
    const mobile = rawMobile === null ? null : MobileNumber.tryParse(rawMobile);

    const details: ErrorDetail[] = [];
    if (rawLegalId !== null && !legalId) {
      details.push({
        field: 'legalId',
        issues: ['isLegalId'],
        message: 'legalId must be a CMND (9 digits), CCCD (12 digits) or passport number',
      });
    }
    if (rawMobile !== null && !mobile) {
      details.push({
        field: 'mobileNumber',
        issues: ['isMobileNumber'],
        message: 'mobileNumber must be a valid mobile number',
      });
    }
    if (details.length > 0 || (rawLegalId === null && rawMobile === null)) {
      await this.record(
        context,
        legalId?.value ?? (rawLegalId && LegalId.normalise(rawLegalId)),
        mobile?.e164 ?? rawMobile,
        0,
        'INVALID_INPUT',
      );
      if (details.length === 0)
        throw domainError(CustomerSummaryErrors.IDENTIFIER_REQUIRED, [
          {
            field: '(body)',
            issues: ['atLeastOneIdentifier'],
            message: 'legalId or mobileNumber is required',
          },
        ]);
      throw domainError(CustomerSummaryErrors.INVALID_IDENTIFIER, details);
    }

    const identifiers = { legalId: legalId?.value ?? null, mobileNumber: mobile?.e164 ?? null };
    try {
      return await this.lookUp(identifiers, context);
    } catch (error) {
      // The ODS did not answer (ODS_MODE=http): the lookup is audited all the same.
      if (error instanceof UnavailableError) {
        await this.record(context, identifiers.legalId, identifiers.mobileNumber, 0, 'ODS_UNAVAILABLE');
      }
      throw error;
    }
  }

  private async lookUp(identifiers: IdentifierQuery, context: LookupContext): Promise<CustomerSummaryView> {
    const match = matchCif(await this.ods.findCandidates(identifiers));
    if (match.outcome === 'NONE') {
      await this.record(context, identifiers.legalId, identifiers.mobileNumber, 0, 'NOT_FOUND');
      return { total: 0, data: [], warnings: [] };
    }
    if (match.outcome === 'MANY') {
      await this.record(context, identifiers.legalId, identifiers.mobileNumber, match.count, 'DUPLICATE_CIF');
      throw domainError(CustomerSummaryErrors.DUPLICATE_CIF, [{ matchedCount: match.count }]);
    }
    const record = await this.ods.findSnapshot(match.cif);
    if (!record) {
      // Replaced or removed between the two reads: answer as the ODS stands now.
      await this.record(context, identifiers.legalId, identifiers.mobileNumber, 0, 'NOT_FOUND');
      return { total: 0, data: [], warnings: [] };
    }
    await this.record(context, identifiers.legalId, identifiers.mobileNumber, 1, 'FOUND');
    const summary = assembleSummary(record);
    return {
      total: 1,
      data: [summary],
      warnings: summaryWarnings(summary, this.clock.now(), this.policy.staleAfterHours),
    };
  }

  private record(
    context: LookupContext,
    legalId: string | null,
    mobileNumber: string | null,
    matchedCount: number,
    outcome: LookupOutcome,
  ) {
    return this.audit.record({ ...context, legalId, mobileNumber, matchedCount, outcome });
  }
}

function blankToNull(value: string | null | undefined): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value : null;
}
