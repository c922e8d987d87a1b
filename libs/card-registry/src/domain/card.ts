import { MobileNumber, type FieldIssue, domainError, validationFailed } from '@hub/shared-kernel';
import { CardRegistryErrors } from './card-registry.errors';
import type { CardScope } from './customer';
import { assertIfMatch, type IfMatch } from './customer-version';

export const CARD_STATUSES = ['ACTIVE', 'BLOCKED', 'CLOSED'] as const;
export type CardStatus = (typeof CARD_STATUSES)[number];

/** A card on an account; its cardholder customer is the person (or item) that holds it. */
export interface Card {
  readonly id: string;
  readonly institutionId: string;
  readonly accountId: string;
  readonly cardholderCustomerId: string;
  readonly digitalWalletEnabled: boolean;
  readonly embossName: string | null;
  readonly status: CardStatus;
  /** YYYY-MM: the card is valid through the last day of that month. */
  readonly expiryDate: string | null;
  readonly version: number;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

/**
 * The card lifecycle: ACTIVE <-> BLOCKED, and either -> CLOSED, which is terminal. Staying in the
 * same status is no transition (and no new version).
 */
const CARD_TRANSITIONS: Readonly<Record<CardStatus, readonly CardStatus[]>> = {
  ACTIVE: ['BLOCKED', 'CLOSED'],
  BLOCKED: ['ACTIVE', 'CLOSED'],
  CLOSED: [],
};

export function canTransition(from: CardStatus, to: CardStatus): boolean {
  return CARD_TRANSITIONS[from].includes(to);
}

/** Throws 422 CARD_STATUS_TRANSITION_NOT_ALLOWED unless `from` may become `to` (or stays). */
export function transitionCard(from: CardStatus, to: CardStatus): CardStatus {
  if (from !== to && !canTransition(from, to))
    throw domainError(CardRegistryErrors.CARD_STATUS_TRANSITION_NOT_ALLOWED, [{ from: from, to: to }]);
  return to;
}

/** A card counts for the wallet rules while it is wallet-enabled and not closed. */
export function isLiveWalletCard(card: Pick<Card, 'digitalWalletEnabled' | 'status'>): boolean {
  return card.digitalWalletEnabled && card.status !== 'CLOSED';
}

/** What the wallet rules need to know about the cardholder. */
export interface CardholderFacts {
  readonly cardScope: CardScope;
  readonly mobileNumber: string | null;
  /** Cards the cardholder already holds. */
  readonly cardCount: number;
}

/**
 * The digital-wallet rules (docs/contracts/card-registry.md), each a 422 with its code, in this order:
 * a wallet card needs a DEDICATED cardholder (WALLET_CARDHOLDER_NOT_DEDICATED) with a valid
 * mobile number for SMS OTP (WALLET_CARDHOLDER_NO_MOBILE); a DEDICATED customer holds at most one
 * card, wallet or not (CARDHOLDER_ALREADY_HAS_CARD).
 */
export function assertCardIssuable(cardholder: CardholderFacts, digitalWalletEnabled: boolean): void {
  if (digitalWalletEnabled) {
    if (cardholder.cardScope !== 'DEDICATED')
      throw domainError(CardRegistryErrors.WALLET_CARDHOLDER_NOT_DEDICATED);
    if (!hasValidMobile(cardholder.mobileNumber))
      throw domainError(CardRegistryErrors.WALLET_CARDHOLDER_NO_MOBILE);
  }
  if (cardholder.cardScope === 'DEDICATED' && cardholder.cardCount > 0)
    throw domainError(CardRegistryErrors.CARDHOLDER_ALREADY_HAS_CARD);
}

/**
 * The wallet rules must keep holding after creation: a cardholder of a live wallet card (enabled,
 * not closed) stays DEDICATED (fixed at creation) and keeps a valid mobile number. Checked when a
 * PATCH changes the cardholder and when a card's wallet is turned on.
 */
export function assertWalletCardholder(
  cardholder: Pick<CardholderFacts, 'cardScope' | 'mobileNumber'>,
): void {
  if (cardholder.cardScope !== 'DEDICATED')
    throw domainError(CardRegistryErrors.WALLET_CARDHOLDER_NOT_DEDICATED);
  if (!hasValidMobile(cardholder.mobileNumber))
    throw domainError(CardRegistryErrors.WALLET_CARDHOLDER_NO_MOBILE);
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
    throw validationFailed([issue]);
  }
  return value;
}

const EXPIRY = /^(\d{4})-(0[1-9]|1[0-2])$/;

/**
 * Validates the optional expiry month `YYYY-MM` (what a card prints as MM/YY; valid through that
 * month's last day). A new expiry may not be a month already over (`currentMonth`, YYYY-MM, UTC)
 * nor more than 30 years ahead.
 */
export function validateExpiryDate(raw: unknown, currentMonth: string): string | null {
  if (raw === undefined || raw === null) return null;
  const match = typeof raw === 'string' ? EXPIRY.exec(raw.trim()) : null;
  const value = match ? match[0] : null;
  const latest = `${Number(currentMonth.slice(0, 4)) + 30}${currentMonth.slice(4)}`;
  if (value === null || value < currentMonth || value > latest) {
    throw validationFailed([
      {
        field: 'expiryDate',
        issues: ['format'],
        message: `expiryDate must be a month written YYYY-MM, from ${currentMonth} to ${latest}`,
      },
    ]);
  }
  return value;
}

/** A card PATCH: any subset of these. */
export interface CardPatch {
  readonly status?: unknown;
  readonly digitalWalletEnabled?: unknown;
  readonly expiryDate?: unknown;
}

export interface CardRevision {
  readonly card: Card;
  readonly changed: boolean;
  /** The wallet is on after this change and was off before: the wallet rules are checked again. */
  readonly walletTurnedOn: boolean;
}

/**
 * Applies a card PATCH: If-Match against the current version, then the status transition, the
 * wallet switch and the expiry. A CLOSED card changes no more (422 CARD_CLOSED), except that a
 * PATCH repeating its current values is accepted as no change. Bumps the version when something changed.
 */
export function reviseCard(
  current: Card,
  patch: CardPatch,
  ifMatch: IfMatch | null,
  now: Date,
  currentMonth: string,
): CardRevision {
  assertIfMatch(ifMatch, current.version, CardRegistryErrors.CARD_VERSION_MISMATCH);
  const issues: FieldIssue[] = [];
  if (patch.status !== undefined && !CARD_STATUSES.includes(patch.status as CardStatus))
    issues.push({
      field: 'status',
      issues: ['isIn'],
      message: `status must be one of ${CARD_STATUSES.join(', ')}`,
    });
  if (patch.digitalWalletEnabled !== undefined && typeof patch.digitalWalletEnabled !== 'boolean')
    issues.push({
      field: 'digitalWalletEnabled',
      issues: ['isBoolean'],
      message: 'digitalWalletEnabled must be true or false',
    });
  if (issues.length > 0) throw validationFailed(issues);

  const status = (patch.status as CardStatus | undefined) ?? current.status;
  const wallet = (patch.digitalWalletEnabled as boolean | undefined) ?? current.digitalWalletEnabled;
  const expiryDate =
    patch.expiryDate === undefined
      ? current.expiryDate
      : patch.expiryDate === current.expiryDate
        ? current.expiryDate
        : validateExpiryDate(patch.expiryDate, currentMonth);
  const changed =
    status !== current.status || wallet !== current.digitalWalletEnabled || expiryDate !== current.expiryDate;
  if (!changed) return { card: current, changed: false, walletTurnedOn: false };
  if (current.status === 'CLOSED') {
    if (status !== 'CLOSED') transitionCard(current.status, status);
    throw domainError(CardRegistryErrors.CARD_CLOSED);
  }
  transitionCard(current.status, status);
  return {
    card: {
      ...current,
      status,
      digitalWalletEnabled: wallet,
      expiryDate,
      version: current.version + 1,
      updatedAt: now,
    },
    changed: true,
    walletTurnedOn: wallet && !current.digitalWalletEnabled,
  };
}
