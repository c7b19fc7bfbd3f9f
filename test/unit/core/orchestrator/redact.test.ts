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
  it('removes a Bearer value, but not the prose around the word', () => {
    expect(redactText('sent Authorization: Bearer xyz, refused')).toBe('sent Authorization: Bearer <redacted>, refused');
    expect(redactText('Missing bearer token')).toBe('Missing bearer token');
    expect(redactText('WWW-Authenticate: Bearer realm="api"')).toBe('WWW-Authenticate: Bearer realm="api"');
  });
  it('removes token and access_token query values (not JWT-shaped ones too)', () => {
    expect(redactText('go to /login?access_token=abc&x=1 or /ws?token=def')).toBe('go to /login?access_token=<redacted>&x=1 or /ws?token=<redacted>');
    expect(redactText('{"next":"/a?token=abc"}')).toBe('{"next":"/a?token=<redacted>"}');
  });
});

describe('fromServer', () => {
  it('redacts the request token and takes bidi controls out', () => {
    expect(fromServer('token opaque-credential-1 \u202eok', 'opaque-credential-1')).toBe('token <redacted> ok');
  });
});
