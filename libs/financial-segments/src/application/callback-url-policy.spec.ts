import { ValidationError } from '@hub/shared-kernel';
import { assertCallbackUrlAllowed } from './callback-url-policy';
import { FakeHostResolver } from '../testing/fake-host-resolver';

const resolver = new FakeHostResolver({
  'hooks.bank.example': ['93.184.216.34', '2606:2800:220:1:248:1893:25c8:1946'],
  'rebind.example': ['93.184.216.34', '10.0.0.5'],
  'internal.example': ['192.168.10.4'],
});

async function refusal(url: string, allowPrivate = false) {
  try {
    await assertCallbackUrlAllowed(url, allowPrivate, resolver);
  } catch (error) {
    return error;
  }
  return null;
}

describe('callback URL policy', () => {
  it('allows https to a name whose every address is public', async () => {
    await expect(
      assertCallbackUrlAllowed('https://hooks.bank.example/cb?x=1', false, resolver),
    ).resolves.toBeInstanceOf(URL);
    await expect(
      assertCallbackUrlAllowed('https://93.184.216.34/cb', false, resolver),
    ).resolves.toBeInstanceOf(URL);
  });

  it.each([
    ['http://hooks.bank.example/cb', 'scheme must be https'],
    ['ftp://hooks.bank.example/cb', 'scheme must be https'],
    ['not a url', 'not an absolute URL'],
    ['https://127.0.0.1/cb', 'host is not a public address'],
    ['https://[::1]/cb', 'host is not a public address'],
    ['https://[::ffff:10.0.0.1]/cb', 'host is not a public address'],
    ['https://169.254.169.254/latest/meta-data', 'host is not a public address'],
    ['https://internal.example/cb', 'host is not a public address'],
    ['https://rebind.example/cb', 'host is not a public address'],
    ['https://nowhere.example/cb', 'host does not resolve'],
    ['https://user:pw@hooks.bank.example/cb', 'credentials in the URL'],
  ])('refuses %p (%s) with 400 CALLBACK_URL_NOT_ALLOWED', async (url, reason) => {
    const error = await refusal(url);
    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toMatchObject({
      code: 'CALLBACK_URL_NOT_ALLOWED',
      details: [{ field: 'callbackUrl', reason }],
    });
  });

  it('allows http and private addresses when private targets are allowed', async () => {
    expect(await refusal('http://127.0.0.1:4000/cb', true)).toBeNull();
    expect(await refusal('https://internal.example/cb', true)).toBeNull();
    expect(await refusal('ftp://127.0.0.1/cb', true)).toMatchObject({ code: 'CALLBACK_URL_NOT_ALLOWED' });
  });
});
