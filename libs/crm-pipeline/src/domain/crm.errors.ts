import { errorCatalogue, type ErrorCodeOf } from '@hub/shared-kernel';

/** The CRM pipeline's errors (docs/contracts/crm-pipeline.md), messages in English and Vietnamese. */
export const CrmErrors = errorCatalogue({
  LEAD_NOT_FOUND: {
    kind: 'NOT_FOUND',
    en: 'No lead has this id',
    vi: 'Không tìm thấy lead với mã này',
    example: [{ leadId: '5b0e8a52-6d0f-4c1e-8f43-0a9f3a2b1c77' }],
  },
  OPPORTUNITY_NOT_FOUND: {
    kind: 'NOT_FOUND',
    en: 'No opportunity has this id',
    vi: 'Không tìm thấy cơ hội bán hàng với mã này',
    example: [{ opportunityId: '9d2c4e61-0b7a-4f3e-a1d5-6c8b9e0f1a23' }],
  },
  /** Close Won of a lead is a conversion and needs the customer's new CIF: only combo-update does it. */
  LEAD_CONVERSION_REQUIRED: {
    kind: 'VALIDATION',
    en: 'A lead is closed won by converting it: call combo-update-lead-opportunity with the leadId and the cif',
    vi: 'Lead chỉ được chuyển sang Close Won khi chuyển đổi: gọi combo-update-lead-opportunity với leadId và cif',
    example: [{ field: 'status', issue: 'CLOSE_WON of a lead needs a conversion' }],
  },
  /**
   * An ETB request whose legal ID already belongs to an open opportunity of another CIF. A legal ID
   * names one customer, so the hub refuses to open a second journey for it under a second CIF.
   */
  LEGAL_ID_OF_OTHER_CIF: {
    kind: 'CONFLICT',
    en: 'The legal ID belongs to an open opportunity of another CIF',
    vi: 'Số giấy tờ tùy thân thuộc về cơ hội bán hàng đang mở của một CIF khác',
    example: [{ field: 'legalId' }],
  },
  /** The database refused a write that raced another (it should not happen under the customer lock). */
  CRM_CONCURRENT_UPDATE: {
    kind: 'CONFLICT',
    en: 'Another request changed this customer at the same time; retry',
    vi: 'Một yêu cầu khác vừa thay đổi khách hàng này; vui lòng thử lại',
  },
  /**
   * An NTB request for a customer the ODS already knows (an open CIF holds the legal ID or the
   * mobile number). The CIF is not revealed: the caller is told to send ETB with the customer's CIF.
   */
  CUSTOMER_TYPE_MISMATCH: {
    kind: 'BUSINESS_RULE',
    en: 'The customer already holds a CIF at the bank: send customerType ETB with the CIF',
    vi: 'Khách hàng đã có CIF tại ngân hàng: gửi customerType ETB kèm CIF',
    example: [{ suggestedCustomerType: 'ETB' }],
  },
  /** An ETB request whose CIF the ODS does not know, or knows as closed. */
  CIF_NOT_FOUND: {
    kind: 'BUSINESS_RULE',
    en: 'The ODS holds no open customer with this CIF',
    vi: 'Không có khách hàng đang hoạt động với CIF này trong ODS',
    example: [{ field: 'cif' }],
  },
});

export type CrmErrorCode = ErrorCodeOf<typeof CrmErrors>;
