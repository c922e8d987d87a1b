import { OPPORTUNITY_MACHINE, transition, type OpportunityStatus } from '@hub/shared-kernel';
import type { Lead } from './lead';
import type { NewSaleRecord, SaleRecordProps } from './sale-record';
import { HistoryReason, statusChange, type Stamp, type StatusChange } from './status-change';

export interface OpportunityProps extends SaleRecordProps {
  status: OpportunityStatus;
  /** The ETB customer key. */
  readonly cif: string;
  /** Normalised legal ID when known: a second key of the same customer (see the README). */
  readonly legalId: string | null;
  /** The lead this opportunity was converted from, if any. */
  readonly leadId: string | null;
}

export type NewOpportunity = NewSaleRecord & Pick<OpportunityProps, 'cif' | 'legalId'>;

/** An existing customer's journey. Its status moves only through the kernel's opportunity machine. */
export class Opportunity {
  private constructor(private readonly props: OpportunityProps) {}

  static create(input: NewOpportunity, stamp: Stamp): { opportunity: Opportunity; change: StatusChange } {
    const opportunity = new Opportunity({
      ...input,
      status: OPPORTUNITY_MACHINE.initial,
      leadId: null,
      closeReason: null,
      createdAt: stamp.at,
      updatedAt: stamp.at,
    });
    return {
      opportunity,
      change: opportunity.change(null, opportunity.status, HistoryReason.CREATED, stamp),
    };
  }

  /** The opportunity a lead converts into on Close Won: born `CLOSE_WON`, linked to the lead. */
  static convertedFrom(
    lead: Lead,
    id: string,
    cif: string,
    stamp: Stamp,
  ): { opportunity: Opportunity; change: StatusChange } {
    const l = lead.toProps();
    const opportunity = new Opportunity({
      id,
      status: 'CLOSE_WON',
      ownerId: l.ownerId,
      cif,
      legalId: l.legalId,
      mobileNumber: l.mobileNumber,
      fullName: l.fullName,
      product: l.product,
      channel: l.channel,
      amount: l.amount,
      currency: l.currency,
      expectedCloseDate: l.expectedCloseDate,
      leadId: l.id,
      closeReason: null,
      createdAt: stamp.at,
      updatedAt: stamp.at,
    });
    return {
      opportunity,
      change: opportunity.change(null, 'CLOSE_WON', HistoryReason.CONVERTED_FROM_LEAD, stamp),
    };
  }

  static restore(props: OpportunityProps): Opportunity {
    return new Opportunity({ ...props });
  }

  get id(): string {
    return this.props.id;
  }
  get status(): OpportunityStatus {
    return this.props.status;
  }
  get ownerId(): string {
    return this.props.ownerId;
  }
  get cif(): string {
    return this.props.cif;
  }
  get legalId(): string | null {
    return this.props.legalId;
  }
  get leadId(): string | null {
    return this.props.leadId;
  }

  /** The status route's change: Close Won (reason optional) or Close Lost (with its reason). */
  close(status: OpportunityStatus, reason: string | null, stamp: Stamp): StatusChange {
    if (status === 'CLOSE_WON') return this.closeWon(stamp, reason ?? undefined);
    if (status === 'CLOSE_LOST') return this.closeLost(reason!, stamp);
    // Back to NEW_OPPORTUNITY: the machine refuses it (closed, or not a transition it allows).
    transition(OPPORTUNITY_MACHINE, this.props.status, status);
    throw new Error(`The opportunity machine allowed ${this.props.status} -> ${status}`);
  }

  closeLost(reason: string, stamp: Stamp): StatusChange {
    const from = this.props.status;
    this.props.status = transition(OPPORTUNITY_MACHINE, from, 'CLOSE_LOST');
    this.props.closeReason = reason;
    this.props.updatedAt = stamp.at;
    return this.change(from, 'CLOSE_LOST', reason, stamp);
  }

  closeWon(stamp: Stamp, reason: string = HistoryReason.WON): StatusChange {
    const from = this.props.status;
    this.props.status = transition(OPPORTUNITY_MACHINE, from, 'CLOSE_WON');
    this.props.updatedAt = stamp.at;
    return this.change(from, 'CLOSE_WON', reason, stamp);
  }

  toProps(): Readonly<OpportunityProps> {
    return { ...this.props };
  }

  private change(
    from: OpportunityStatus | null,
    to: OpportunityStatus,
    reason: string | null,
    stamp: Stamp,
  ): StatusChange {
    return statusChange('OPPORTUNITY', this.props.id, from, to, reason, stamp);
  }
}
