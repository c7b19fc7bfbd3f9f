// @vitest-environment jsdom
import { QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { createQueryClient } from '../../../../../renderer/src/queries/client';
import { ProfilesView } from '../../../../../renderer/src/features/profiles/ProfilesView';
import { DEFAULT_LIMITS, type KeyStorage, type ProfileView } from '../../../../../shared/profile';
import { builtIn, custom, EC_KEY, fakeProfilesSteward, ipcError, type FakeProfilesSteward } from '../../../../support/profiles-fake-steward';

afterEach(cleanup);

function mount(profiles: ProfileView[] = [builtIn(), custom('p-prod', 'Production', { key: EC_KEY })], over: { storage?: KeyStorage; warnings?: string[] } = {}): FakeProfilesSteward {
  const fake = fakeProfilesSteward({ profiles, ...over });
  window.steward = fake.bridge;
  render(
    <QueryClientProvider client={createQueryClient()}>
      <ProfilesView />
    </QueryClientProvider>,
  );
  return fake;
}

const field = (label: string) => screen.getByLabelText(label) as HTMLInputElement;
const type = (label: string, value: string) => fireEvent.change(field(label), { target: { value } });
const errorOf = (label: string) => {
  const id = field(label).getAttribute('aria-describedby')?.split(' ').find((x) => x.endsWith('-error'));
  return id ? (document.getElementById(id)?.textContent ?? null) : null;
};

describe('ProfilesView', () => {
  it('lists the profiles with the active one marked, and start-up warnings above', async () => {
    mount(undefined, { warnings: ['Your profiles could not be read: profiles.json is not valid JSON; kept as profiles.json.corrupt-1'] });
    const list = await screen.findByRole('navigation', { name: 'Profiles' });
    const items = await within(list).findAllByRole('button', { name: /sandbox|Production/ });
    expect(items.map((b) => b.textContent)).toEqual(['Local sandboxActivehttp://127.0.0.1:45123', 'Productionhttps://orch.example:8000']);
    expect(await screen.findByRole('alert')).toHaveProperty('textContent', expect.stringMatching(/^Your profiles could not be read/));
    // The active profile is shown first: the built-in, whose URL and dialect Steward sets.
    expect(screen.getByRole('heading', { name: 'Local sandbox' })).toBeTruthy();
    expect(field('Orchestrator URL').disabled).toBe(true);
    expect(screen.queryByRole('button', { name: 'Delete…' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Generate EC' })).toBeNull();
  });

  it('shows a message on each invalid field and sends nothing', async () => {
    const fake = mount();
    fireEvent.click(await screen.findByRole('button', { name: 'New profile' }));
    fireEvent.click(screen.getByRole('button', { name: 'Create profile' }));
    expect(errorOf('Name')).toBe('Name is required');
    expect(errorOf('Orchestrator URL')).toBe('Orchestrator URL is required');
    expect(document.activeElement).toBe(field('Name'));

    type('Name', 'Edge');
    type('Orchestrator URL', 'ftp://orch');
    type('Identity droplet id', 'seven');
    type('Poll interval (seconds)', '1');
    type('Token lifetime (seconds)', '5');
    type('Extra claims (JSON object)', '[1, 2]');
    fireEvent.click(screen.getByRole('button', { name: 'Create profile' }));
    expect(errorOf('Name')).toBeNull();
    expect(errorOf('Orchestrator URL')).toBe('Orchestrator URL must start with http:// or https://, not ftp://');
    expect(errorOf('Identity droplet id')).toBe('Identity droplet id must be a positive whole number');
    expect(errorOf('Poll interval (seconds)')).toBe('Poll interval must be at least 2 seconds (2000 ms)');
    expect(errorOf('Token lifetime (seconds)')).toBe('Token lifetime must be at least 10 seconds');
    expect(errorOf('Extra claims (JSON object)')).toBe('Extra claims must be a JSON object, such as {"role": "ops"}');
    type('Extra claims (JSON object)', '{"exp": 1');
    fireEvent.click(screen.getByRole('button', { name: 'Create profile' }));
    expect(errorOf('Extra claims (JSON object)')).toBe('Extra claims must be valid JSON, such as {"role": "ops"}');
    type('Extra claims (JSON object)', '{"exp": 1}');
    fireEvent.click(screen.getByRole('button', { name: 'Create profile' }));
    expect(errorOf('Extra claims (JSON object)')).toBe('Extra claims cannot set exp: Steward sets it on every token');
    // Editing a field clears its message.
    type('Orchestrator URL', 'https://orch');
    expect(errorOf('Orchestrator URL')).toBeNull();
    expect(fake.calls.saveProfile).toEqual([]);
    expect(fake.calls.testConnection).toEqual([]);
  });

  it('creates a profile from valid fields, and places a field error main sends back', async () => {
    const fake = mount();
    fireEvent.click(await screen.findByRole('button', { name: 'New profile' }));
    type('Name', 'Production');
    type('Orchestrator URL', 'https://edge.example:8000');
    type('Poll interval (seconds)', '2.5');
    type('sub claim', 'droplet-{droplet_id}');
    type('Extra claims (JSON object)', '{"team": "ops"}');
    fake.failSave(ipcError('A profile named “Production” already exists.', 'validation', [{ loc: ['name'], msg: 'Another profile already has this name', type: 'value_error', field: 'name' }]));
    fireEvent.click(screen.getByRole('button', { name: 'Create profile' }));
    await waitFor(() => expect(errorOf('Name')).toBe('Another profile already has this name'));

    fake.failSave(null);
    type('Name', 'Edge');
    fireEvent.click(screen.getByRole('button', { name: 'Create profile' }));
    await screen.findByRole('heading', { name: 'Edge' });
    expect(fake.calls.saveProfile.at(-1)).toEqual({
      name: 'Edge',
      orchestratorUrl: 'https://edge.example:8000',
      identityDropletId: 1,
      steward: null,
      dialect: 'auto',
      pollIntervalMs: 2_500,
      tokenLifetimeSeconds: 300,
      claims: { permissions: [], iss: null, sub: 'droplet-{droplet_id}', extra: { team: 'ops' } },
      limits: DEFAULT_LIMITS,
    });
  });

  it('edits the limits, showing the message of one out of range and sending nothing until it is fixed', async () => {
    const fake = mount();
    fireEvent.click(await screen.findByRole('button', { name: /^Production/ }));
    await screen.findByRole('heading', { name: 'Production' });
    expect(within(screen.getByRole('group', { name: 'Limits' })).getAllByRole('textbox').map((i) => (i as HTMLInputElement).value)).toEqual(['10080', '2000000', '2000', '5']);

    type('History per droplet (samples)', '59');
    type('Log entries kept in memory', 'lots');
    type('Log file size (MB, ×3 files)', '501');
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(errorOf('History per droplet (samples)')).toBe('History per droplet must be at least 60 samples');
    expect(errorOf('Log entries kept in memory')).toBe('Log entries kept in memory must be a number');
    expect(errorOf('Log file size (MB, ×3 files)')).toBe('Log file size must be at most 500 MB');
    expect(errorOf('History in total (samples)')).toBeNull();
    expect(fake.calls.saveProfile).toEqual([]);

    type('History per droplet (samples)', '1440');
    type('Log entries kept in memory', '500');
    type('Log file size (MB, ×3 files)', '50');
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await screen.findByText('Saved.');
    expect(fake.calls.saveProfile.at(-1)?.limits).toEqual({ historySamplesPerDroplet: 1_440, historyTotalSamples: 2_000_000, logEntriesInMemory: 500, logFileMegabytes: 50 });
  });

  it('tests the connection of what the form holds and shows each step', async () => {
    const fake = mount();
    fireEvent.click(await screen.findByRole('button', { name: /^Production/ }));
    await screen.findByRole('heading', { name: 'Production' });
    fake.setTestResult({
      ok: false,
      failedStep: 'authenticated',
      steps: [
        { step: 'url', ok: true, message: 'https://orch.example:8000 is a valid https URL.', hint: null, ms: 0 },
        { step: 'reachability', ok: true, message: 'The Orchestrator answered GET /health (status: active).', hint: null, ms: 12 },
        { step: 'version', ok: true, message: 'GET /management/version answered: version 2.0.0.', hint: null, ms: 9 },
        {
          step: 'authenticated',
          ok: false,
          message: 'The Orchestrator refused the token: its signature does not match a key it trusts, it has expired, or it lacks a claim it needs.',
          hint: "Check that the Orchestrator trusts this profile's public key.",
          ms: 15,
        },
      ],
    });
    type('Identity droplet id', '7');
    fireEvent.click(screen.getByRole('button', { name: 'Test connection' }));
    const steps = await screen.findByRole('list', { name: 'Connection test steps' });
    expect(fake.calls.testConnection).toHaveLength(1);
    expect(fake.calls.testConnection[0]).toMatchObject({ draft: { id: 'p-prod', identityDropletId: 7, orchestratorUrl: 'https://orch.example:8000' } });
    expect(screen.getByRole('status').textContent).toBe('Failed at: Signed request (GET /droplets).');
    const rows = within(steps).getAllByRole('listitem');
    expect(rows.map((r) => r.getAttribute('data-state'))).toEqual(['ok', 'ok', 'ok', 'failed']);
    expect(rows[1]!.textContent).toContain('The Orchestrator answered GET /health (status: active).');
    expect(rows[3]!.textContent).toContain('The Orchestrator refused the token');
    expect(rows[3]!.textContent).toContain("Check that the Orchestrator trusts this profile's public key.");

    fake.setTestResult({ ok: false, failedStep: 'reachability', steps: [{ step: 'url', ok: true, message: 'ok', hint: null, ms: 0 }, { step: 'reachability', ok: false, message: 'Connection refused.', hint: null, ms: 3 }] });
    fireEvent.click(screen.getByRole('button', { name: 'Test connection' }));
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('Failed at: Reachable (GET /health).'));
    expect(within(screen.getByRole('list', { name: 'Connection test steps' })).getAllByRole('listitem').map((r) => r.getAttribute('data-state'))).toEqual(['ok', 'failed', 'skipped', 'skipped']);
  });

  it('shows the key, and asks before storing a key unencrypted where the OS has no secure store', async () => {
    const fake = mount([builtIn(), custom('p-new', 'Keyless')], { storage: { available: true, backend: 'basic_text', secure: false } });
    fireEvent.click(await screen.findByRole('button', { name: /^Keyless/ }));
    await screen.findByText(/No key yet/);
    fireEvent.click(screen.getByRole('button', { name: 'Generate EC' }));
    const prompt = await screen.findByRole('alertdialog', { name: 'No secure key storage' });
    expect(prompt.textContent).toMatch(/no secure secret store \(basic_text\)/);
    expect(fake.calls.generateKey).toEqual([]);
    fireEvent.click(within(prompt).getByRole('button', { name: 'Store unencrypted' }));
    await waitFor(() => expect(fake.calls.generateKey).toEqual([{ profileId: 'p-new', algorithm: 'ES256', allowPlaintextBackend: true }]));
    expect(await screen.findByText('Unencrypted on disk (you agreed)')).toBeTruthy();
    expect(screen.getByText(EC_KEY.fingerprint)).toBeTruthy();

    // With a key in place, replacing it is confirmed first; "session only" does not consent.
    fireEvent.click(screen.getByRole('button', { name: 'Generate RSA' }));
    fireEvent.click(within(await screen.findByRole('alertdialog', { name: 'Replace the key' })).getByRole('button', { name: 'Replace' }));
    fireEvent.click(within(await screen.findByRole('alertdialog', { name: 'No secure key storage' })).getByRole('button', { name: 'Keep for this session only' }));
    await waitFor(() => expect(fake.calls.generateKey.at(-1)).toEqual({ profileId: 'p-new', algorithm: 'RS256', allowPlaintextBackend: false }));
    expect(await screen.findByText('This session only')).toBeTruthy();
  });

  it('imports without a prompt where the OS store is secure, and says when no file was chosen', async () => {
    const fake = mount([builtIn(), custom('p-new', 'Keyless')]);
    fireEvent.click(await screen.findByRole('button', { name: /^Keyless/ }));
    await screen.findByText(/No key yet/);
    fireEvent.click(screen.getByRole('button', { name: 'Import…' }));
    await waitFor(() => expect(fake.calls.importKey).toEqual([{ profileId: 'p-new', allowPlaintextBackend: false }]));
    expect(await screen.findByText('No file chosen; the key is unchanged.')).toBeTruthy();
  });

  it('deletes only after confirmation, and switches on request', async () => {
    const fake = mount();
    fireEvent.click(await screen.findByRole('button', { name: /^Production/ }));
    fireEvent.click(await screen.findByRole('button', { name: 'Delete…' }));
    const confirm = screen.getByRole('alertdialog', { name: 'Delete profile' });
    expect(confirm.textContent).toContain(`Its private key (${EC_KEY.fingerprint}) is deleted too, unless another profile uses it.`);
    fireEvent.click(within(confirm).getByRole('button', { name: 'Cancel' }));
    expect(fake.calls.deleteProfile).toEqual([]);

    fireEvent.click(screen.getByRole('button', { name: 'Switch to this profile' }));
    await waitFor(() => expect(fake.calls.switchProfile).toEqual([{ profileId: 'p-prod' }]));
    await waitFor(() => expect(within(screen.getByRole('navigation', { name: 'Profiles' })).getByRole('button', { name: /^Production/ }).textContent).toContain('Active'));

    fireEvent.click(screen.getByRole('button', { name: 'Delete…' }));
    fireEvent.click(within(screen.getByRole('alertdialog', { name: 'Delete profile' })).getByRole('button', { name: 'Delete' }));
    await waitFor(() => expect(fake.calls.deleteProfile).toEqual([{ profileId: 'p-prod' }]));
    await waitFor(() => expect(screen.queryByRole('button', { name: /^Production/ })).toBeNull());
  });
});
