import { useState } from 'react';
import type { KeyStorageState, ProfileView } from '../../../../shared/profile';
import { errorDetail } from '../../app/api';
import { CopyButton } from '../../ui/CopyButton';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { useKeyAction, useKeyStorage, useSavePublicKey, type KeyAction } from '../../queries/useProfiles';

const STORAGE: Record<KeyStorageState, { label: string; tone: string }> = {
  encrypted: { label: 'Encrypted by the OS secret store', tone: 'tone-ok' },
  'plaintext-consented': { label: 'Unencrypted on disk (you agreed)', tone: 'tone-warn' },
  'session-only': { label: 'This session only', tone: 'tone-warn' },
  missing: { label: 'Private key missing', tone: 'tone-err' },
};

const ACTION_WORDS: Record<KeyAction, string> = { import: 'Import a key', RS256: 'Generate an RSA key', ES256: 'Generate an EC key' };

type Pending = { action: KeyAction; stage: 'replace' | 'consent' };

/**
 * The profile's key: algorithm, fingerprint, where the private half is kept, and the ways to
 * get one. Replacing a key is confirmed; where the OS has no secure store the steward chooses
 * between keeping it for this session and storing it unencrypted.
 */
export function KeySection(props: { profile: ProfileView }) {
  const { profile } = props;
  const key = profile.key;
  const storage = useKeyStorage();
  const keyAction = useKeyAction();
  const savePublic = useSavePublicKey();
  const [pending, setPending] = useState<Pending | null>(null);
  const failure = keyAction.error ?? savePublic.error;

  const run = (action: KeyAction, allowPlaintextBackend: boolean) => {
    setPending(null);
    keyAction.mutate({ profileId: profile.id, action, allowPlaintextBackend });
  };
  // Ask only when the OS store is known to be insecure; while unknown, main decides (session-only).
  const afterReplace = (action: KeyAction) => (storage.data && !storage.data.secure ? setPending({ action, stage: 'consent' }) : run(action, false));
  const start = (action: KeyAction) => {
    keyAction.reset();
    if (key) setPending({ action, stage: 'replace' });
    else afterReplace(action);
  };

  return (
    <section className="st-key" aria-label="Key">
      <h3 className="st-profiles__subtitle">Key</h3>
      {key ? (
        <dl className="st-key__facts">
          <dt>Algorithm</dt>
          <dd>{key.algorithm === 'RS256' ? 'RS256 (RSA)' : 'ES256 (EC P-256)'}</dd>
          <dt>Fingerprint</dt>
          <dd className="st-key__fingerprint">
            <code className="st-selectable">{key.fingerprint}</code>
            <CopyButton text={key.fingerprint} title="Copy fingerprint" />
          </dd>
          <dt>Private key</dt>
          <dd>
            <span className={`st-key__storage ${STORAGE[key.storage].tone}`}>{STORAGE[key.storage].label}</span>
            {key.note && <span className="st-key__note">{key.note}</span>}
          </dd>
        </dl>
      ) : (
        <p className="st-muted st-key__none">No key yet. Import one, or generate one and give the Orchestrator its public key.</p>
      )}

      {pending?.stage === 'replace' && key && (
        <div className="st-confirm" role="alertdialog" aria-label="Replace the key">
          <p>
            {ACTION_WORDS[pending.action]} to replace {key.fingerprint}? The old private key is deleted unless another profile uses it; the Orchestrator must trust the new public key.
          </p>
          <div className="st-confirm__actions">
            <button type="button" className="st-btn st-btn--primary" onClick={() => afterReplace(pending.action)}>
              Replace
            </button>
            <button type="button" className="st-btn" onClick={() => setPending(null)}>
              Cancel
            </button>
          </div>
        </div>
      )}
      {pending?.stage === 'consent' && storage.data && (
        <div className="st-confirm st-confirm--warn" role="alertdialog" aria-label="No secure key storage">
          <p>
            This system has no secure secret store ({storage.data.backend}
            {storage.data.available ? '' : ', unavailable'}): anything “encrypted” there can be decrypted by anyone who reads the file. Steward can keep the private key in
            memory until it quits, or write it unencrypted to a file only your user can read, as an SSH client does.
          </p>
          <div className="st-confirm__actions">
            <button type="button" className="st-btn" onClick={() => run(pending.action, false)}>
              Keep for this session only
            </button>
            <button type="button" className="st-btn st-btn--warn" onClick={() => run(pending.action, true)}>
              Store unencrypted
            </button>
            <button type="button" className="st-btn st-btn--quiet" onClick={() => setPending(null)}>
              Cancel
            </button>
          </div>
        </div>
      )}

      {profile.builtIn ? (
        <p className="st-muted st-key__none">The Local sandbox signs with the key Steward made for it. Duplicate the profile to use a key of your own.</p>
      ) : (
        <div className="st-key__actions">
          <button type="button" className="st-btn" disabled={keyAction.isPending} onClick={() => start('import')}>
            Import…
          </button>
          <button type="button" className="st-btn" disabled={keyAction.isPending} onClick={() => start('RS256')}>
            Generate RSA
          </button>
          <button type="button" className="st-btn" disabled={keyAction.isPending} onClick={() => start('ES256')}>
            Generate EC
          </button>
          {keyAction.isPending && <span className="st-muted">Working…</span>}
        </div>
      )}
      {key && (
        <div className="st-key__actions">
          <CopyButton text={key.publicKeyPem} label="Copy public key" title="Copy the public key (PEM)" />
          <button type="button" className="st-btn st-btn--quiet" disabled={savePublic.isPending} onClick={() => savePublic.mutate(profile.id)}>
            Save public key…
          </button>
          {savePublic.data?.savedTo && <span className="st-muted">Saved to {savePublic.data.savedTo}</span>}
        </div>
      )}
      {keyAction.isSuccess && keyAction.data === null && <p className="st-muted">No file chosen; the key is unchanged.</p>}
      {failure && <ErrorNotice error={errorDetail(failure)} />}
    </section>
  );
}
