import type { ComboCreateCommand } from '../application/crm-input';

/** A valid combo-create body for an NTB customer; override what the test is about. */
export function buildNtbComboCreate(overrides: Partial<ComboCreateCommand> = {}): ComboCreateCommand {
  return {
    customerType: 'NTB',
    ownerId: 'RM001',
    legalId: '079203001234',
    mobileNumber: '0912345678',
    fullName: 'Nguyễn Văn An',
    product: 'CREDIT_CARD',
    channel: 'MOBILE_APP',
    ...overrides,
  };
}

/** A valid combo-create body for an ETB customer. */
export function buildEtbComboCreate(overrides: Partial<ComboCreateCommand> = {}): ComboCreateCommand {
  return {
    customerType: 'ETB',
    ownerId: 'RM001',
    cif: '7700000001',
    product: 'UNSECURED_LOAN',
    channel: 'WEB',
    ...overrides,
  };
}
