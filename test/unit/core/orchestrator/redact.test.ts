import { describe, expect, it } from 'vitest';
import { fromServer, redactText } from '../../../../core/orchestrator/redact';

const JWT = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln';

describe('redactText', () => {
  it('removes the secrets it is given, wherever they stand', () => {
    expect(redactText('key opaque-credential-1 was bad', ['opaque-credential-1'])).toBe('key <redacted> was bad');
  });
  it('removes anything JWT-shaped, even cut short in its signature', () => {
    expect(redactText(`bad token ${JWT}`)).toBe('bad token <redacted>');
    expect(redactText(`bad token ${JWT.slice(0, -2)}`)).toBe('bad token <redacted>');
  });
  it('removes a JWT cut short before its signature (a quote cut at a length)', () => {
    const cut = JWT.slice(0, JWT.lastIndexOf('.'));
    expect(redactText(`capabilities: [${cut}`)).toBe('capabilities: [<redacted>');
    expect(redactText(`capabilities: [${cut.slice(0, -3)}`)).toBe('capabilities: [<redacted>');
  });
  it('removes a Bearer value, but not the prose around the word', () => {
    expect(redactText('sent Authorization: Bearer xyz, refused')).toBe('sent Authorization: Bearer <redacted>, refused');
    expect(redactText('Missing bearer token')).toBe('Missing bearer token');
    expect(redactText('WWW-Authenticate: Bearer realm="api"')).toBe('WWW-Authenticate: Bearer realm="api"');
    expect(redactText('This route needs a Bearer token.')).toBe('This route needs a Bearer token.');
  });
  it('removes a Bearer value that begins with one of the prose words', () => {
    expect(redactText('sent Bearer token-5f3a9c2e, refused')).toBe('sent Bearer <redacted>, refused');
    expect(redactText('Bearer auth_9c2e1d')).toBe('Bearer <redacted>');
    expect(redactText('Bearer realm.x7')).toBe('Bearer <redacted>');
  });
  it('removes token and access_token query values (not JWT-shaped ones too)', () => {
    expect(redactText('go to /login?access_token=abc&x=1 or /ws?token=def')).toBe('go to /login?access_token=<redacted>&x=1 or /ws?token=<redacted>');
    expect(redactText('{"next":"/a?token=abc"}')).toBe('{"next":"/a?token=<redacted>"}');
  });
  it('removes a non-JWT ?token= value (the JWT rule cannot be what masks it)', () => {
    expect(redactText('GET /ws?token=abc')).toBe('GET /ws?token=<redacted>');
    expect(redactText('body was access_token=plain123&grant=x')).toBe('body was access_token=<redacted>&grant=x');
  });
  it('removes #access_token= fragments', () => {
    expect(redactText('back to /cb#access_token=frag123&state=1')).toBe('back to /cb#access_token=<redacted>&state=1');
  });
  it('removes JSON "access_token" and "token" values', () => {
    expect(redactText('{"access_token":"plain123","user":"a"}')).toBe('{"access_token":"<redacted>","user":"a"}');
    expect(redactText('{"token" : "with \\"quote\\" inside", "n": 1}')).toBe('{"token" : "<redacted>", "n": 1}');
  });
  it('removes credentials in a URL, keeping the host', () => {
    expect(redactText('moved to https://admin:hunter2@other.example/x')).toBe('moved to https://<redacted>@other.example/x');
    expect(redactText('see http://user@host.example/')).toBe('see http://<redacted>@host.example/');
    expect(redactText('mail root@example.org')).toBe('mail root@example.org');
  });
});

describe('fromServer', () => {
  it('redacts the request token and takes bidi controls out', () => {
    expect(fromServer('token opaque-credential-1 \u202eok', 'opaque-credential-1')).toBe('token <redacted> ok');
  });
});

describe('redactText, the secrets it is given', () => {
  it('redacts a secret of eight characters or more, and leaves shorter ones (common words) alone', () => {
    expect(redactText('key abcdefgh here', ['abcdefgh'])).toBe('key <redacted> here');
    expect(redactText('key abcdefg here', ['abcdefg'])).toBe('key abcdefg here');
  });
});
