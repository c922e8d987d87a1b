import { ConflictError, NotFoundError, ValidationError } from '@hub/shared-kernel';

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
