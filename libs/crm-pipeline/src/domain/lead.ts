import { domainError, LEAD_MACHINE, transition, type LeadStatus } from '@hub/shared-kernel';
import { CrmErrors } from './crm.errors';
import type { NewSaleRecord, SaleRecordProps } from './sale-record';
import { HistoryReason, statusChange, type Stamp, type StatusChange } from './status-change';

export interface LeadProps extends SaleRecordProps {
  status: LeadStatus;
  /** Normalised legal ID: the NTB customer key. */
  readonly legalId: string;
  cif: string | null;
  convertedOpportunityId: string | null;
}

export type NewLead = NewSaleRecord & Pick<LeadProps, 'legalId'>;

/** A new-to-bank customer's journey. Its status moves only through the kernel's lead machine. */
export class Lead {
  private constructor(private readonly props: LeadProps) {}

  static create(input: NewLead, stamp: Stamp): { lead: Lead; change: StatusChange } {
    const lead = new Lead({
      ...input,
      status: LEAD_MACHINE.initial,
      cif: null,
      convertedOpportunityId: null,
      closeReason: null,
      createdAt: stamp.at,
      updatedAt: stamp.at,
    });
    return { lead, change: lead.change(null, lead.status, HistoryReason.CREATED, stamp) };
  }

  static restore(props: LeadProps): Lead {
    return new Lead({ ...props });
  }

  get id(): string {
    return this.props.id;
  }
  get status(): LeadStatus {
    return this.props.status;
  }
  get ownerId(): string {
    return this.props.ownerId;
  }
  get legalId(): string {
    return this.props.legalId;
  }
  get cif(): string | null {
    return this.props.cif;
  }

  /**
   * The status route's change: Close Lost with its reason. A closed lead never changes, and Close
   * Won is refused here although the machine allows it: a lead is won only by conversion
   * (`convert`, with the customer's new CIF).
   */
  close(status: LeadStatus, reason: string | null, stamp: Stamp): StatusChange {
    if (status === 'CLOSE_LOST') return this.closeLost(reason!, stamp);
    transition(LEAD_MACHINE, this.props.status, status);
    throw domainError(CrmErrors.LEAD_CONVERSION_REQUIRED, [
      { field: 'status', issue: 'CLOSE_WON of a lead needs a conversion' },
    ]);
  }

  /** Close Lost (AML rejection, reassignment to another RM, ...). */
  closeLost(reason: string, stamp: Stamp): StatusChange {
    const from = this.props.status;
    this.props.status = transition(LEAD_MACHINE, from, 'CLOSE_LOST');
    this.props.closeReason = reason;
    this.props.updatedAt = stamp.at;
    return this.change(from, 'CLOSE_LOST', reason, stamp);
  }

  /** Close Won: the lead is converted into the opportunity created for the customer's new CIF. */
  convert(cif: string, opportunityId: string, stamp: Stamp): StatusChange {
    const from = this.props.status;
    this.props.status = transition(LEAD_MACHINE, from, 'CLOSE_WON');
    this.props.cif = cif;
    this.props.convertedOpportunityId = opportunityId;
    this.props.updatedAt = stamp.at;
    return this.change(from, 'CLOSE_WON', HistoryReason.CONVERTED, stamp);
  }

  toProps(): Readonly<LeadProps> {
    return { ...this.props };
  }

  private change(from: LeadStatus | null, to: LeadStatus, reason: string | null, stamp: Stamp): StatusChange {
    return statusChange('LEAD', this.props.id, from, to, reason, stamp);
  }
}
