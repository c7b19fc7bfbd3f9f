import { describe, expect, it } from 'vitest';
import { displayEndpoint } from '../../../../../renderer/src/features/fleet/endpoint';

describe('displayEndpoint', () => {
  it('shows endpoints without the default http:// only', () => {
    expect(displayEndpoint('http://10.0.0.3:8002')).toBe('10.0.0.3:8002');
    expect(displayEndpoint('https://edge.example:443/x')).toBe('https://edge.example:443/x');
  });
});
