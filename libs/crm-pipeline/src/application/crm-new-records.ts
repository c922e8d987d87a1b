import { randomUUID } from 'node:crypto';
import { Lead, type LeadProps } from '../domain/lead';
import type { Stamp, StatusChange } from '../domain/status-change';
import type { NormalisedComboCreate } from './crm-input';

/** What combo-create's new records take from the request and from the record they replace. */

/** A new lead for the request, with what a reassigned lead carries over (name, mobile, deal). */
export function newLead(
  input: NormalisedComboCreate,
  reassigned: Readonly<LeadProps> | undefined,
  stamp: Stamp,
): { lead: Lead; change: StatusChange } {
  return Lead.create(
    {
      id: randomUUID(),
      ownerId: input.ownerId,
      legalId: input.legalId!,
      mobileNumber: input.mobileNumber ?? reassigned?.mobileNumber ?? null,
      fullName: input.fullName ?? reassigned?.fullName ?? null,
      product: input.product,
      channel: input.channel,
      ...dealOf(input, reassigned),
    },
    stamp,
  );
}

/** The deal fields of a new record: the request's, else those of the record it replaces. */
export function dealOf(
  input: NormalisedComboCreate,
  previous: { amount: string | null; currency: string | null; expectedCloseDate: string | null } | undefined,
): { amount: string | null; currency: string | null; expectedCloseDate: string | null } {
  const fromRequest = input.amount !== null;
  return {
    amount: fromRequest ? input.amount : (previous?.amount ?? null),
    currency: fromRequest ? input.currency : (previous?.currency ?? null),
    expectedCloseDate: input.expectedCloseDate ?? previous?.expectedCloseDate ?? null,
  };
}

export function dropUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
