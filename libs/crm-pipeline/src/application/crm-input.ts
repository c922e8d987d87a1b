import {
  LegalId,
  MobileNumber,
  FieldIssues,
  compare,
  domainError,
  isCalendarDate,
  isDecimalString,
  isIso4217Currency,
  isStorableText,
  normaliseCif,
  toFixed,
  KernelErrors,
  CIF_FORM_MESSAGE,
  type CustomerType,
  type LeadStatus,
  type OpportunityStatus,
} from '@hub/shared-kernel';
import { isOwnerId, OWNER_ID_FORM_MESSAGE } from '../domain/owner-id';
import type { CrmConfig } from './crm-config';

/**
 * The commands' input: what a caller sends, and the rules across fields that turn it into what
 * the use cases work with (the HTTP DTOs check types, lengths and the CIF and owner forms; these
 * checks answer the same 400 VALIDATION_FAILED, so a direct caller of the service gets them too).
 */

export interface ComboCreateCommand {
  readonly customerType: CustomerType;
  readonly ownerId: string;
  readonly legalId?: string;
  readonly mobileNumber?: string;
  readonly fullName?: string;
  readonly cif?: string;
  readonly product: string;
  readonly channel: string;
  /** Expected deal value: a decimal string with up to 2 places, greater than 0; needs `currency`. */
  readonly amount?: string;
  /** ISO 4217; needs `amount`. */
  readonly currency?: string;
  /** `YYYY-MM-DD` */
  readonly expectedCloseDate?: string;
}

export interface CloseWonCommand {
  readonly leadId?: string;
  readonly opportunityId?: string;
  /** The CIF the customer got on onboarding: required to convert a lead. */
  readonly cif?: string;
}

export interface UpdateLeadStatusCommand {
  readonly leadId: string;
  readonly status: LeadStatus;
  readonly reason?: string;
}

export interface UpdateOpportunityStatusCommand {
  readonly opportunityId: string;
  readonly status: OpportunityStatus;
  readonly reason?: string;
}

export interface NormalisedComboCreate {
  readonly customerType: CustomerType;
  readonly ownerId: string;
  readonly legalId: string | null;
  readonly mobileNumber: string | null;
  readonly fullName: string | null;
  readonly cif: string | null;
  readonly product: string;
  readonly channel: string;
  readonly amount: string | null;
  readonly currency: string | null;
  readonly expectedCloseDate: string | null;
}

/** A Close Won: a lead's conversion (with the new CIF, normalised) or an opportunity's. */
export type NormalisedCloseWon =
  { readonly leadId: string; readonly cif: string } | { readonly opportunityId: string };

const LEGAL_ID_MESSAGE = 'legalId must be a CMND (9 digits), CCCD (12 digits) or passport number';

/** The cross-field rules of a combo-create (the HTTP DTO checks only types, lengths and forms). */
export function normaliseComboCreate(command: ComboCreateCommand, config: CrmConfig): NormalisedComboCreate {
  const problems = new FieldIssues();
  let legalId: string | null = null;
  if (command.legalId !== undefined) {
    const parsed = LegalId.tryParse(command.legalId);
    if (parsed) legalId = parsed.value;
    else problems.add('legalId', 'legalId', LEGAL_ID_MESSAGE);
  } else if (command.customerType === 'NTB') {
    problems.add('legalId', 'required', 'legalId is required for an NTB customer');
  }
  let mobileNumber: string | null = null;
  if (command.mobileNumber !== undefined) {
    const parsed = MobileNumber.tryParse(command.mobileNumber);
    if (parsed) mobileNumber = parsed.e164;
    else problems.add('mobileNumber', 'mobileNumber', 'mobileNumber must be a valid mobile number');
  }
  let cif: string | null = null;
  if (command.customerType === 'NTB') {
    if (command.cif !== undefined)
      problems.add('cif', 'unexpected', 'an NTB customer has no CIF yet: send customerType ETB');
  } else if (!command.cif?.trim()) {
    problems.add('cif', 'required', 'cif is required for an ETB customer');
  } else {
    cif = normaliseCif(command.cif);
    if (cif === null) problems.add('cif', 'format', CIF_FORM_MESSAGE);
  }
  const fullName = command.fullName?.trim().replace(/\s+/g, ' ') || null;
  if (fullName !== null && !isStorableText(fullName)) {
    problems.add('fullName', 'format', 'fullName must not contain control characters');
  }
  const ownerId = command.ownerId.trim();
  if (!isOwnerId(ownerId)) problems.add('ownerId', 'format', OWNER_ID_FORM_MESSAGE);
  const deal = normaliseDeal(command, problems);
  const outside = [
    catalogueIssue('product', command.product, config.products),
    catalogueIssue('channel', command.channel, config.channels),
  ].filter((issue) => issue !== null);
  if (!problems.empty || outside.length) {
    throw domainError(KernelErrors.VALIDATION_FAILED, [
      ...problems.list.map((p) => ({ field: p.field, issues: [...p.issues], message: p.message })),
      ...outside,
    ]);
  }
  return {
    customerType: command.customerType,
    ownerId,
    legalId,
    mobileNumber,
    fullName,
    cif,
    product: command.product,
    channel: command.channel,
    ...deal,
  };
}

/** The catalogue's codes are UPPER_SNAKE and at most this long (the config loader refuses others). */
export const CATALOGUE_CODE_MAX_LENGTH = 50;

/**
 * The one rule for `product` and `channel`, on every path (the HTTP DTO checks only that they are
 * strings): a value that is not one of the catalogue's codes (free text such as "Credit Card" or
 * "credit_card", a code of another bank) is a 400 detail naming the allowed codes. A value too long
 * or holding control characters gets the same detail, with `maxLength` or `format` among its issues;
 * the value itself is never echoed.
 */
function catalogueIssue(
  field: 'product' | 'channel',
  value: unknown,
  allowed: readonly string[],
): { field: string; issues: string[]; message: string; allowed: string[] } | null {
  if (typeof value === 'string' && allowed.includes(value)) return null;
  const issues = ['isIn'];
  if (typeof value === 'string' && value.length > CATALOGUE_CODE_MAX_LENGTH) issues.push('maxLength');
  if (typeof value === 'string' && !isStorableText(value)) issues.push('format');
  return {
    field,
    issues,
    message: `${field} must be one of the catalogue's codes: ${allowed.join(', ')}`,
    allowed: [...allowed],
  };
}

/** amount (> 0, up to 2 decimals) and currency (ISO 4217) come together; expectedCloseDate is a date. */
function normaliseDeal(
  command: ComboCreateCommand,
  problems: FieldIssues,
): Pick<NormalisedComboCreate, 'amount' | 'currency' | 'expectedCloseDate'> {
  let amount: string | null = null;
  let currency: string | null = null;
  if (command.amount !== undefined) {
    if (!isDecimalString(command.amount, 2) || compare(command.amount, '0') <= 0) {
      problems.add(
        'amount',
        'isDecimal',
        'amount must be a decimal string greater than 0 with up to 2 decimals, such as "150000000.00"',
      );
    } else amount = toFixed(command.amount, 2);
    if (command.currency === undefined)
      problems.add('currency', 'required', 'currency is required with amount');
  }
  if (command.currency !== undefined) {
    if (!isIso4217Currency(command.currency)) {
      problems.add('currency', 'isISO4217CurrencyCode', 'currency must be an ISO 4217 code such as VND');
    } else currency = command.currency;
    if (command.amount === undefined) problems.add('amount', 'required', 'amount is required with currency');
  }
  let expectedCloseDate: string | null = null;
  if (command.expectedCloseDate !== undefined) {
    if (!isCalendarDate(command.expectedCloseDate)) {
      problems.add('expectedCloseDate', 'isDate', 'expectedCloseDate must be a date YYYY-MM-DD');
    } else expectedCloseDate = command.expectedCloseDate;
  }
  return { amount, currency, expectedCloseDate };
}

/** combo-update's body: a lead with its new CIF, or an opportunity (with no CIF). */
export function normaliseCloseWon(command: CloseWonCommand): NormalisedCloseWon {
  const problems = new FieldIssues();
  if (command.leadId && command.opportunityId) {
    problems.add('opportunityId', 'exclusive', 'send either leadId or opportunityId, not both');
  } else if (!command.leadId && !command.opportunityId) {
    problems.add('leadId', 'required', 'leadId or opportunityId is required');
  } else if (command.leadId && !command.cif?.trim()) {
    problems.add('cif', 'required', 'cif (the CIF given on onboarding) is required to convert a lead');
  } else if (command.leadId && normaliseCif(command.cif) === null) {
    problems.add('cif', 'format', CIF_FORM_MESSAGE);
  } else if (command.opportunityId && command.cif !== undefined) {
    problems.add('cif', 'unexpected', 'cif is only sent with a leadId');
  }
  problems.throwIfAny();
  return command.leadId
    ? { leadId: command.leadId, cif: normaliseCif(command.cif)! }
    : { opportunityId: command.opportunityId! };
}

/** A close-lost needs a reason; a close-won may carry one. Returns the trimmed reason. */
export function requireReasonFor(
  status: string,
  reason: string | undefined,
  statuses: readonly string[],
): string | null {
  if (!statuses.includes(status)) {
    new FieldIssues().add('status', 'isIn', `status must be one of ${statuses.join(', ')}`).throwIfAny();
  }
  const trimmed = reason?.trim() || null;
  if (trimmed !== null && !isStorableText(trimmed)) {
    new FieldIssues().add('reason', 'format', 'reason must not contain control characters').throwIfAny();
  }
  if (status === 'CLOSE_LOST' && !trimmed) {
    new FieldIssues().add('reason', 'required', 'reason is required to close a record lost').throwIfAny();
  }
  return trimmed;
}
