import { CIF_FORM_MESSAGE, FieldIssues, LegalId, normaliseCif } from '@hub/shared-kernel';
import { isOwnerId, OWNER_ID_FORM_MESSAGE } from '../domain/owner-id';
import type { PageRequest } from './crm.read-models';

/** The queries' input: the page and the list filters, checked before they reach the database. */

export const MAX_PAGE_SIZE = 100;
/** The deepest page whose offset the database still takes exactly: (page - 1) * pageSize stays a safe integer. */
export const MAX_PAGE = Math.floor(Number.MAX_SAFE_INTEGER / MAX_PAGE_SIZE);

export function checkPage(page: PageRequest): PageRequest {
  const problems = new FieldIssues();
  if (!Number.isInteger(page.page) || page.page < 1 || page.page > MAX_PAGE)
    problems.add('page', 'range', `page must be an integer from 1 to ${MAX_PAGE}`);
  if (!Number.isInteger(page.pageSize) || page.pageSize < 1 || page.pageSize > MAX_PAGE_SIZE) {
    problems.add('pageSize', 'max', `pageSize must be an integer from 1 to ${MAX_PAGE_SIZE}`);
  }
  problems.throwIfAny();
  return page;
}

/**
 * The list filters, normalised: a legal ID must be one (CMND, CCCD or passport), a CIF and an owner
 * have the forms combo-create accepts (the same functions as its DTO). What could never have been
 * stored is a 400, not an empty page.
 */
export function checkFilter(filter: { legalId?: string; cif?: string; ownerId?: string }): {
  legalId?: string;
  cif?: string;
} {
  const problems = new FieldIssues();
  let legalId: string | undefined;
  if (filter.legalId !== undefined) {
    legalId = LegalId.tryParse(filter.legalId)?.value;
    if (legalId === undefined)
      problems.add(
        'legalId',
        'legalId',
        'legalId must be a CMND (9 digits), CCCD (12 digits) or passport number',
      );
  }
  let cif: string | undefined;
  if (filter.cif !== undefined) {
    cif = normaliseCif(filter.cif) ?? undefined;
    if (cif === undefined) problems.add('cif', 'format', CIF_FORM_MESSAGE);
  }
  if (filter.ownerId !== undefined && !isOwnerId(filter.ownerId)) {
    problems.add('ownerId', 'format', OWNER_ID_FORM_MESSAGE);
  }
  problems.throwIfAny();
  return {
    ...(filter.legalId !== undefined ? { legalId } : {}),
    ...(filter.cif !== undefined ? { cif } : {}),
  };
}
