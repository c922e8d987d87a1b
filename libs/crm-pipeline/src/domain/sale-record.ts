/**
 * What a lead and an opportunity both hold about the sale: who owns it, who the customer is, what
 * is sold through which channel, its expected value, and the record's own times.
 */
export interface SaleRecordProps {
  readonly id: string;
  readonly ownerId: string;
  readonly mobileNumber: string | null;
  readonly fullName: string | null;
  readonly product: string;
  readonly channel: string;
  /** The expected deal value (decimal string, 2 places) and its ISO 4217 currency: both or neither. */
  readonly amount: string | null;
  readonly currency: string | null;
  /** `YYYY-MM-DD` */
  readonly expectedCloseDate: string | null;
  closeReason: string | null;
  readonly createdAt: Date;
  updatedAt: Date;
}

/** The fields a caller gives when a record is created. */
export type NewSaleRecord = Pick<
  SaleRecordProps,
  | 'id'
  | 'ownerId'
  | 'mobileNumber'
  | 'fullName'
  | 'product'
  | 'channel'
  | 'amount'
  | 'currency'
  | 'expectedCloseDate'
>;
