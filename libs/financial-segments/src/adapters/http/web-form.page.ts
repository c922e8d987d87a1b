import type { FormLanguage } from '../../application/ports/process.repository';
import { CONSENT_SCOPE, CONSENT_TEXT_VERSION } from '../../application/import-web-form.service';
import { CSV_HEADER } from '../../domain/statements/csv-statement';

/**
 * The import web form, rendered on the server: plain HTML, one stylesheet and one script served
 * from the hub itself (the CSP allows nothing else, no inline script or style), every control
 * labelled, usable with the keyboard, readable on a phone.
 */

/** The page's Content-Security-Policy: only the hub's own script, style and fetches. */
export const WEB_FORM_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self'",
  "connect-src 'self'",
  "form-action 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** Headers of every web-form response: the token is in the URL, so no referrer and no caching. */
export const WEB_FORM_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': WEB_FORM_CSP,
  'cache-control': 'no-store',
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
};

const TEXT = {
  vi: {
    title: 'Nhập sao kê ngân hàng',
    intro: 'Ngân hàng của bạn đề nghị bạn cung cấp sao kê tài khoản để đánh giá thu nhập và dòng tiền.',
    consentHeading: '1. Dữ liệu và sự đồng ý của bạn',
    what: 'Dữ liệu được lấy: số tài khoản, ngân hàng, loại tiền, số dư và các giao dịch (ngày, số tiền, nội dung, tên và tài khoản đối ứng) trong các tệp bạn tải lên.',
    why: 'Mục đích: lập báo cáo thu nhập và dòng tiền để ngân hàng đề xuất sản phẩm phù hợp (thẻ, khoản vay, tiết kiệm, bảo hiểm).',
    keep: 'Thời gian lưu: đến khi bạn rút lại sự đồng ý hoặc yêu cầu xóa; khi đó ngân hàng xóa toàn bộ dữ liệu này (Nghị định 13/2023/NĐ-CP).',
    consent: 'Tôi đã đọc và đồng ý cho phép sử dụng dữ liệu trên cho mục đích nêu trên.',
    uploadHeading: '2. Tải lên sao kê',
    uploadHelp:
      'Một hoặc nhiều tệp: CSV (theo mẫu bên dưới), ISO 20022 CAMT.053 (XML) hoặc SWIFT MT940. Tối đa {max} KB tổng cộng.',
    files: 'Tệp sao kê',
    csvLayout: 'Mẫu CSV (dòng đầu tiên):',
    check: 'Kiểm tra tệp',
    reviewHeading: '3. Kiểm tra kết quả',
    reviewEmpty: 'Chưa có tệp nào được kiểm tra.',
    confirmHeading: '4. Xác nhận',
    confirm: 'Xác nhận nhập dữ liệu',
    cancel: 'Hủy',
    noscript: 'Trang này cần JavaScript để đọc tệp.',
    expires: 'Liên kết hết hạn lúc',
  },
  en: {
    title: 'Import bank statements',
    intro: 'Your bank asks you for your account statements to assess your income and cash flow.',
    consentHeading: '1. Your data and your consent',
    what: 'Data taken: account numbers, bank, currency, balances and the transactions (date, amount, description, counterparty name and account) in the files you upload.',
    why: 'Purpose: an income and cash-flow report, so the bank can offer you suitable products (cards, loans, savings, insurance).',
    keep: 'Kept: until you withdraw your consent or ask for erasure; the bank then erases all of this data (Decree 13/2023 on personal data).',
    consent: 'I have read this and consent to the use of this data for this purpose.',
    uploadHeading: '2. Upload statements',
    uploadHelp:
      'One or more files: CSV (layout below), ISO 20022 CAMT.053 (XML) or SWIFT MT940. At most {max} KB in all.',
    files: 'Statement files',
    csvLayout: 'CSV layout (first line):',
    check: 'Check files',
    reviewHeading: '3. Review',
    reviewEmpty: 'No file checked yet.',
    confirmHeading: '4. Confirm',
    confirm: 'Confirm the import',
    cancel: 'Cancel',
    noscript: 'This page needs JavaScript to read your files.',
    expires: 'The link expires at',
  },
} as const;

/** Texts the script shows (review table, outcomes), handed over as a JSON data block. */
const SCRIPT_TEXT = {
  vi: {
    file: 'Tệp',
    format: 'Định dạng',
    account: 'Tài khoản',
    currency: 'Loại tiền',
    balance: 'Số dư',
    transactions: 'Số giao dịch',
    period: 'Thời kỳ',
    problems: 'Lỗi',
    line: 'dòng',
    noAccount: 'Không tìm thấy tài khoản',
    tooLarge: 'Tệp quá lớn: tối đa {max} byte tổng cộng.',
    checking: 'Đang kiểm tra…',
    fixFiles: 'Hãy sửa các tệp có lỗi rồi tải lên lại. Chưa có gì được lưu.',
    ready: 'Các tệp hợp lệ. Bạn có thể xác nhận.',
    saving: 'Đang lưu…',
    done: 'Đã nhập dữ liệu. Bạn có thể đóng trang này.',
    cancelled: 'Đã hủy. Không có dữ liệu nào được lưu.',
    error: 'Lỗi',
  },
  en: {
    file: 'File',
    format: 'Format',
    account: 'Account',
    currency: 'Currency',
    balance: 'Balance',
    transactions: 'Transactions',
    period: 'Period',
    problems: 'Problems',
    line: 'line',
    noAccount: 'No account found',
    tooLarge: 'The files are too large: at most {max} bytes in all.',
    checking: 'Checking…',
    fixFiles: 'Fix the files with problems and upload them again. Nothing was stored.',
    ready: 'The files are fine. You can confirm.',
    saving: 'Saving…',
    done: 'The import is done. You can close this page.',
    cancelled: 'Cancelled. No data was stored.',
    error: 'Error',
  },
} as const;

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function head(lang: FormLanguage, title: string, assets: string): string {
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${escapeHtml(title)}</title>
<link rel="stylesheet" href="${assets}/form.css">
</head>`;
}

/** The form of a waiting process. `token` is the last path segment of the page's own URL. */
export function renderWebForm(input: {
  token: string;
  csrf: string;
  language: FormLanguage;
  expiresAt: Date;
  maxUploadBytes: number;
}): string {
  const t = TEXT[input.language];
  const assets = '../web-form-assets';
  const max = Math.floor(input.maxUploadBytes / 1024);
  const token = escapeHtml(input.token);
  return `${head(input.language, t.title, assets)}
<body>
<main id="web-form" data-csrf="${escapeHtml(input.csrf)}" data-preview-url="${token}/preview"
  data-confirm-url="${token}/confirm" data-cancel-url="${token}/cancel"
  data-text-version="${CONSENT_TEXT_VERSION}" data-max-bytes="${input.maxUploadBytes}">
<h1>${t.title}</h1>
<p>${t.intro}</p>
<p class="muted">${t.expires} <time datetime="${input.expiresAt.toISOString()}">${input.expiresAt.toISOString().replace('T', ' ').slice(0, 16)} UTC</time></p>
<noscript><p class="error">${t.noscript}</p></noscript>

<section aria-labelledby="consent-heading">
<h2 id="consent-heading">${t.consentHeading}</h2>
<ul>
<li>${t.what}</li>
<li>${t.why}</li>
<li>${t.keep}</li>
</ul>
<p class="check"><input type="checkbox" id="consent" name="consent" data-scope="${CONSENT_SCOPE.join(' ')}">
<label for="consent">${t.consent}</label></p>
</section>

<section aria-labelledby="upload-heading">
<h2 id="upload-heading">${t.uploadHeading}</h2>
<p id="upload-help">${t.uploadHelp.replace('{max}', String(max))}</p>
<label for="files">${t.files}</label>
<input type="file" id="files" name="files" multiple accept=".csv,.xml,.txt,.sta,.mt940,.940,text/csv,text/xml,application/xml,text/plain" aria-describedby="upload-help" disabled>
<details><summary>${t.csvLayout}</summary><pre>${CSV_HEADER.join(',')}</pre></details>
<p><button type="button" id="check" disabled>${t.check}</button></p>
</section>

<section aria-labelledby="review-heading">
<h2 id="review-heading">${t.reviewHeading}</h2>
<div id="review" aria-live="polite"><p class="muted">${t.reviewEmpty}</p></div>
</section>

<section aria-labelledby="confirm-heading">
<h2 id="confirm-heading">${t.confirmHeading}</h2>
<p id="status" role="status" aria-live="polite"></p>
<div id="errors" role="alert"></div>
<p class="actions"><button type="button" id="confirm" class="primary" disabled>${t.confirm}</button>
<button type="button" id="cancel">${t.cancel}</button></p>
</section>
<script type="application/json" id="web-form-text">${JSON.stringify(SCRIPT_TEXT[input.language]).replace(/</g, '\\u003c')}</script>
</main>
<script src="${assets}/form.js"></script>
</body>
</html>`;
}

const ENDED = {
  vi: {
    USED: [
      'Liên kết đã được sử dụng',
      'Việc nhập dữ liệu qua liên kết này đã được xác nhận hoặc hủy. Hãy quay lại ứng dụng.',
    ],
    EXPIRED: [
      'Liên kết đã hết hạn',
      'Liên kết này không còn hiệu lực. Hãy quay lại ứng dụng để tạo liên kết mới.',
    ],
    UNKNOWN: ['Không tìm thấy liên kết', 'Liên kết này không hợp lệ. Hãy quay lại ứng dụng.'],
  },
  en: {
    USED: [
      'This link has been used',
      'The import through this link was confirmed or cancelled already. Go back to the app.',
    ],
    EXPIRED: ['This link has expired', 'This link is no longer valid. Go back to the app for a new one.'],
    UNKNOWN: ['Link not found', 'This link is not valid. Go back to the app.'],
  },
} as const;

/** The page of a token that cannot be used (any more). */
export function renderEndedPage(kind: 'USED' | 'EXPIRED' | 'UNKNOWN', language: FormLanguage): string {
  const [title, body] = ENDED[language][kind];
  return `${head(language, title, '../web-form-assets')}
<body>
<main id="web-form-ended" data-kind="${kind}">
<h1>${title}</h1>
<p>${body}</p>
</main>
</body>
</html>`;
}
