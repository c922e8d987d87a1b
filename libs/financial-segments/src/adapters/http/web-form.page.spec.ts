import { escapeHtml, renderEndedPage, renderWebForm, WEB_FORM_CSP } from './web-form.page';

describe('the web form page', () => {
  const page = (language: 'vi' | 'en') =>
    renderWebForm({
      token: 'tok_EN-123',
      csrf: 'c"s<r>f',
      language,
      expiresAt: new Date('2026-12-01T17:30:00Z'),
      maxUploadBytes: 786_432,
    });

  it('has no inline script or style, only its own assets and a JSON data block', () => {
    const html = page('en');
    expect(html.match(/<script/g)).toHaveLength(2);
    expect(html).toContain('<script type="application/json" id="web-form-text">');
    expect(html).toContain('<script src="../web-form-assets/form.js"></script>');
    expect(html).not.toMatch(/\sstyle=|<style|\son[a-z]+=/);
    expect(WEB_FORM_CSP).toContain("script-src 'self'");
    expect(WEB_FORM_CSP).not.toContain('unsafe');
  });

  it('escapes what it puts in attributes, labels every control, and speaks the process language', () => {
    const en = page('en');
    expect(en).toContain('data-csrf="c&#34;s&#60;r&#62;f"');
    expect(en).toContain('<html lang="en">');
    expect(en).toContain('<label for="consent">');
    expect(en).toContain('<label for="files">');
    expect(en).toContain('At most 768 KB in all');
    const vi = page('vi');
    expect(vi).toContain('<html lang="vi">');
    expect(vi).toContain('Tối đa 768 KB tổng cộng');
    expect(escapeHtml(`<a href='x'>&`)).toBe('&#60;a href=&#39;x&#39;&#62;&#38;');
  });

  it('tells a used, an expired and an unknown link apart', () => {
    expect(renderEndedPage('USED', 'en')).toContain('This link has been used');
    expect(renderEndedPage('EXPIRED', 'vi')).toContain('Liên kết đã hết hạn');
    expect(renderEndedPage('UNKNOWN', 'vi')).toContain('data-kind="UNKNOWN"');
  });
});
