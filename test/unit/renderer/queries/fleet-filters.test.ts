import { describe, expect, it } from 'vitest';
import { serverFilters } from '../../../../renderer/src/queries/fleet-filters';

describe('serverFilters', () => {
  it('passes statuses the Orchestrator knows, asks for active when late is wanted, and nothing for unknown', () => {
    expect(serverFilters(null, null)).toEqual({});
    expect(serverFilters('error', 'gpu')).toEqual({ status: 'error', capability: 'gpu' });
    expect(serverFilters('late', null)).toEqual({ status: 'active' });
    expect(serverFilters('unknown', null)).toEqual({});
  });
});
