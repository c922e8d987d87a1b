import { MobileNumber, type FieldIssue } from '@hub/shared-kernel';
import { CardRegistryErrors } from './card-registry.errors';
import type { CardScope } from './customer';

/** A card on an account; its cardholder customer is the person (or item) that holds it. */
export interface Card {
  readonly id: string;
  readonly institutionId: string;
  readonly accountId: string;
  readonly cardholderCustomerId: string;
  readonly digitalWalletEnabled: boolean;
  readonly embossName: string | null;
  readonly createdAt: Date;
}

/** What the wallet rules need to know about the cardholder. */
export interface CardholderFacts {
  readonly cardScope: CardScope;
  readonly mobileNumber: string | null;
  /** Cards the cardholder already holds. */
  readonly cardCount: number;
}

/**
 * The digital-wallet rules (DESIGN §6, Appendix C), each a 422 with its code, in this order:
 * a wallet card needs a DEDICATED cardholder (WALLET_CARDHOLDER_NOT_DEDICATED) with a valid
 * mobile number for SMS OTP (WALLET_CARDHOLDER_NO_MOBILE); a DEDICATED customer holds at most one
 * card, wallet or not (CARDHOLDER_ALREADY_HAS_CARD).
 */
export function assertCardIssuable(cardholder: CardholderFacts, digitalWalletEnabled: boolean): void {
  if (digitalWalletEnabled) {
    if (cardholder.cardScope !== 'DEDICATED') throw CardRegistryErrors.walletCardholderNotDedicated();
    if (!hasValidMobile(cardholder.mobileNumber)) throw CardRegistryErrors.walletCardholderNoMobile();
  }
  if (cardholder.cardScope === 'DEDICATED' && cardholder.cardCount > 0)
    throw CardRegistryErrors.cardholderAlreadyHasCard();
}

function hasValidMobile(mobile: string | null): boolean {
  return mobile !== null && MobileNumber.tryParse(mobile) !== null;
}

/** ISO/IEC 7813 track 1 holds 26 name characters; embossers print a restricted ASCII set. */
const EMBOSS_NAME = /^[A-Z0-9 .,'/&-]{2,26}$/;

/** Validates the optional emboss name; upper-cased, inner spaces collapsed. */
export function validateEmbossName(raw: unknown): string | null {
  if (raw === undefined || raw === null) return null;
  const value = typeof raw === 'string' ? raw.trim().replace(/\s+/g, ' ').toUpperCase() : null;
  if (value === null || !EMBOSS_NAME.test(value)) {
    const issue: FieldIssue = {
      field: 'embossName',
      issues: ['format'],
      message: "embossName must be 2-26 characters of A-Z, 0-9, space and . , ' / & -",
    };
    throw CardRegistryErrors.validationFailed([issue]);
  }
  return value;
}
