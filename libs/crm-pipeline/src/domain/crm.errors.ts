import { BusinessRuleError, ConflictError, NotFoundError, ValidationError } from '@hub/shared-kernel';

export function leadNotFound(id: string): NotFoundError {
  return new NotFoundError(
    'LEAD_NOT_FOUND',
    { en: 'No lead has this id', vi: 'Không tìm thấy lead với mã này' },
    [{ leadId: id }],
  );
}

export function opportunityNotFound(id: string): NotFoundError {
  return new NotFoundError(
    'OPPORTUNITY_NOT_FOUND',
    { en: 'No opportunity has this id', vi: 'Không tìm thấy cơ hội bán hàng với mã này' },
    [{ opportunityId: id }],
  );
}

/** Close Won of a lead is a conversion and needs the customer's new CIF: only combo-update does it. */
export function leadConversionRequired(): ValidationError {
  return new ValidationError(
    'LEAD_CONVERSION_REQUIRED',
    {
      en: 'A lead is closed won by converting it: call combo-update-lead-opportunity with the leadId and the cif',
      vi: 'Lead chỉ được chuyển sang Close Won khi chuyển đổi: gọi combo-update-lead-opportunity với leadId và cif',
    },
    [{ field: 'status', issue: 'CLOSE_WON of a lead needs a conversion' }],
  );
}

/**
 * An ETB request whose legal ID already belongs to an open opportunity of another CIF. A legal ID
 * names one customer, so the hub refuses to open a second journey for it under a second CIF.
 */
export function legalIdOfOtherCif(): ConflictError {
  return new ConflictError(
    'LEGAL_ID_OF_OTHER_CIF',
    {
      en: 'The legal ID belongs to an open opportunity of another CIF',
      vi: 'Số giấy tờ tùy thân thuộc về cơ hội bán hàng đang mở của một CIF khác',
    },
    [{ field: 'legalId' }],
  );
}

/** The database refused a write that raced another (it should not happen under the customer lock). */
export function concurrentUpdate(): ConflictError {
  return new ConflictError('CRM_CONCURRENT_UPDATE', {
    en: 'Another request changed this customer at the same time; retry',
    vi: 'Một yêu cầu khác vừa thay đổi khách hàng này; vui lòng thử lại',
  });
}

/**
 * An NTB request for a customer the ODS already knows (an open CIF holds the legal ID or the
 * mobile number). The CIF is not revealed: the caller is told to send ETB with the customer's CIF.
 */
export function customerTypeMismatch(): BusinessRuleError {
  return new BusinessRuleError(
    'CUSTOMER_TYPE_MISMATCH',
    {
      en: 'The customer already holds a CIF at the bank: send customerType ETB with the CIF',
      vi: 'Khách hàng đã có CIF tại ngân hàng: gửi customerType ETB kèm CIF',
    },
    [{ suggestedCustomerType: 'ETB' }],
  );
}

/** An ETB request whose CIF the ODS does not know, or knows as closed. */
export function cifNotFound(): BusinessRuleError {
  return new BusinessRuleError(
    'CIF_NOT_FOUND',
    {
      en: 'The ODS holds no open customer with this CIF',
      vi: 'Không có khách hàng đang hoạt động với CIF này trong ODS',
    },
    [{ field: 'cif' }],
  );
}

/** A product or channel code that is not in the bank's catalogue: 400 with the allowed codes. */
export function notInCatalogue(
  problems: readonly { field: 'product' | 'channel'; value: string; allowed: readonly string[] }[],
): ValidationError {
  return new ValidationError(
    'VALIDATION_FAILED',
    { en: 'The request is not valid', vi: 'Dữ liệu yêu cầu không hợp lệ' },
    problems.map((p) => ({
      field: p.field,
      issues: ['isIn'],
      message: `${p.field} must be one of the catalogue's codes: ${p.allowed.join(', ')}`,
      allowed: [...p.allowed],
    })),
  );
}
