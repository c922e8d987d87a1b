import { domainError } from '@hub/shared-kernel';
import { CardRegistryErrors } from './card-registry.errors';
import type { CardScope } from './customer';

/**
 * One customer is represented once per institution: a SHARED customer's regNo is unique among
 * the institution's SHARED customers. The exception is the digital-wallet card, which needs a
 * customer of its own: a DEDICATED customer may repeat a regNo (docs/contracts/card-registry.md).
 * `existingSharedCustomerId` is the institution's SHARED customer with the same regNo, if any
 * (other than the customer being changed).
 */
export function assertRegistrable(cardScope: CardScope, existingSharedCustomerId: string | null): void {
  if (cardScope === 'SHARED' && existingSharedCustomerId !== null)
    throw domainError(CardRegistryErrors.CUSTOMER_EXISTS, [{ existingCustomerId: existingSharedCustomerId }]);
}
