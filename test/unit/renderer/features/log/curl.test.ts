import { describe, expect, it } from 'vitest';
import { toCurl } from '../../../../../renderer/src/features/log/curl';
import { entry } from '../../../../support/comms-entry';

describe('toCurl', () => {
  it('leaves GET bodies out and keeps absolute paths', () => {
    const curl = toCurl(entry(9, 0, { path: 'https://elsewhere.test/x', requestHeaders: { authorization: 'Bearer eyJabc' } }), 'http://orchestrator.test');
    expect(curl).toBe(`curl -X GET 'https://elsewhere.test/x' \\\n  -H "Authorization: Bearer $STEWARD_TOKEN"`);
  });
});
