import { useState } from 'react';
import { ATTENTION_KINDS, RULE_OPS, type AttentionSettings, type MetricRule, type Mutes, type MuteSpan } from '../../../../shared/attention';
import { errorDetail } from '../../app/api';
import { useAttentionSettings, useMute, useSetAttentionSettings } from '../../queries/useAttention';
import { useNow } from '../../state/clock';
import { useUi } from '../../state/ui';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { KIND_LABEL, muteInForce, muteUntilText } from './attention-text';
import { newDraft, readDraft, ruleText, toDraft, type RuleDraft } from './rule-draft';

/** Notification settings of the open profile: what notifies, mutes in force, timing and metric rules. */
export function NotificationSettings() {
  const q = useAttentionSettings();
  const save = useSetAttentionSettings();
  if (q.isError && !q.data) return <ErrorNotice error={errorDetail(q.error)} onRetry={() => void q.refetch()} />;
  if (!q.data) return <p className="st-muted">Loading notification settings…</p>;
  const { settings, mutes } = q.data;
  const change = (c: Partial<AttentionSettings>) => save.mutate(c);
  return (
    <div className="st-notify" aria-label="Notification settings">
      {save.isError && <ErrorNotice error={errorDetail(save.error)} />}
      <fieldset className="st-notify__group">
        <legend>Desktop notifications</legend>
        <label className="st-check">
          <input type="checkbox" checked={settings.notify} onChange={(e) => change({ notify: e.target.checked })} />
          Show desktop notifications
        </label>
        <p className="st-notify__hint">Every event is kept in the timeline; these choose which ones also notify.</p>
        <div className="st-notify__toggles" role="group" aria-label="Notify for">
          {ATTENTION_KINDS.map((k) => (
            <label key={k} className="st-check">
              <input type="checkbox" disabled={!settings.notify} checked={settings.toggles[k]} onChange={(e) => change({ toggles: { ...settings.toggles, [k]: e.target.checked } })} />
              {KIND_LABEL[k]}
            </label>
          ))}
        </div>
        <label className="st-check">
          <input type="checkbox" checked={settings.keepInTray} onChange={(e) => change({ keepInTray: e.target.checked })} />
          Keep running in the tray when the window closes
        </label>
      </fieldset>
      <MuteSection mutes={mutes} />
      <TimingSection settings={settings} onChange={change} />
      {/* Keyed by the stored rules: a save (or another window's) starts the editor over from them. */}
      <RulesEditor key={JSON.stringify(settings.rules)} rules={settings.rules} onSave={(rules) => change({ rules })} saving={save.isPending} />
    </div>
  );
}

const PROFILE_SPANS: readonly { span: Exclude<MuteSpan, 'off'>; label: string }[] = [
  { span: '1h', label: 'Mute all for 1 h' },
  { span: 'tomorrow', label: 'Until tomorrow' },
  { span: 'forever', label: 'Until unmuted' },
];

function MuteSection({ mutes }: { mutes: Mutes }) {
  const mute = useMute();
  const now = useNow();
  const profileMuted = muteInForce(mutes.profile, now);
  const droplets = Object.entries(mutes.droplets).filter(([, until]) => muteInForce(until, now));
  return (
    <fieldset className="st-notify__group">
      <legend>Mutes</legend>
      {mute.isError && <ErrorNotice error={errorDetail(mute.error)} />}
      <p className="st-notify__state" data-testid="profile-mute">
        {profileMuted ? `All notifications of this profile are muted ${muteUntilText(mutes.profile ?? null, now)}.` : 'Notifications are on for this profile.'}
      </p>
      <div className="st-notify__row">
        {PROFILE_SPANS.map((s) => (
          <button key={s.span} type="button" className="st-btn" disabled={mute.isPending} onClick={() => mute.mutate({ target: 'profile', span: s.span })}>
            {s.label}
          </button>
        ))}
        {profileMuted && (
          <button type="button" className="st-btn st-btn--primary" disabled={mute.isPending} onClick={() => mute.mutate({ target: 'profile', span: 'off' })}>
            Unmute all
          </button>
        )}
      </div>
      {droplets.length === 0 ? (
        <p className="st-notify__hint">No droplet is muted. Mute one from its details.</p>
      ) : (
        <ul className="st-notify__mutes" aria-label="Muted droplets">
          {droplets.map(([id, until]) => (
            <li key={id}>
              <button type="button" className="st-btn st-btn--link" onClick={() => useUi.getState().showDroplet(Number(id))}>
                #{id}
              </button>
              <span className="st-muted">muted {muteUntilText(until, now)}</span>
              <button type="button" className="st-btn st-btn--quiet" disabled={mute.isPending} onClick={() => mute.mutate({ target: 'droplet', id: Number(id), span: 'off' })}>
                Unmute
              </button>
            </li>
          ))}
        </ul>
      )}
    </fieldset>
  );
}

function TimingSection({ settings, onChange }: { settings: AttentionSettings; onChange(c: Partial<AttentionSettings>): void }) {
  return (
    <fieldset className="st-notify__group">
      <legend>Grouping and flapping</legend>
      <SecondsField
        label="Group changes of one kind within"
        hint="30 droplets going inactive within this time make one event."
        key={`g${settings.groupSeconds}`}
        value={settings.groupSeconds}
        max={600}
        onCommit={(groupSeconds) => onChange({ groupSeconds })}
      />
      <SecondsField
        label="Report a droplet that flips back within"
        hint="…once, as flapping, instead of twice."
        key={`h${settings.holdSeconds}`}
        value={settings.holdSeconds}
        max={3600}
        onCommit={(holdSeconds) => onChange({ holdSeconds })}
      />
    </fieldset>
  );
}

/** A whole number of seconds, saved when the field is left or Enter is pressed; out of range says so. */
function SecondsField(props: { label: string; hint: string; value: number; max: number; onCommit(v: number): void }) {
  // The caller keys this field by the stored value, so a new value starts it over.
  const [text, setText] = useState(String(props.value));
  const n = Number(text.trim());
  const valid = text.trim() !== '' && Number.isInteger(n) && n >= 0 && n <= props.max;
  const commit = () => {
    if (valid && n !== props.value) props.onCommit(n);
  };
  return (
    <label className="st-notify__field">
      <span>{props.label}</span>
      <span className="st-notify__seconds">
        <input
          className="st-input"
          inputMode="numeric"
          value={text}
          aria-invalid={!valid || undefined}
          onChange={(e) => setText(e.target.value)}
          onBlur={commit}
          onKeyDown={(e) => e.key === 'Enter' && commit()}
        />
        s
      </span>
      <span className={valid ? 'st-notify__hint' : 'st-notify__error'}>{valid ? props.hint : `Whole seconds from 0 to ${props.max}.`}</span>
    </label>
  );
}

function RulesEditor({ rules, onSave, saving }: { rules: readonly MetricRule[]; onSave(rules: MetricRule[]): void; saving: boolean }) {
  const [drafts, setDrafts] = useState<RuleDraft[]>(() => rules.map(toDraft));
  const [dirty, setDirty] = useState(false);
  const read = drafts.map(readDraft);
  const allValid = read.every((r) => 'rule' in r);
  const edit = (i: number, change: Partial<RuleDraft>) => {
    setDirty(true);
    setDrafts((ds) => ds.map((d, j) => (j === i ? { ...d, ...change } : d)));
  };
  const save = () => {
    const valid = read.flatMap((r) => ('rule' in r ? [r.rule] : []));
    if (valid.length !== drafts.length) return;
    onSave(valid);
    setDirty(false);
  };
  return (
    <fieldset className="st-notify__group">
      <legend>Metric rules</legend>
      <p className="st-notify__hint">Judged on the beats Steward sees; a rule that holds for its time raises a “Metric rule” event.</p>
      {drafts.length === 0 && <p className="st-notify__hint">No rules. Add one, such as cpu_percent &gt; 90 for 300 s.</p>}
      <ul className="st-rules" aria-label="Rules">
        {drafts.map((d, i) => {
          const r = read[i]!;
          return (
            <li key={d.id} className="st-rule" aria-label={`Rule ${i + 1}`}>
              <input className="st-input st-rule__metric" aria-label="Metric" value={d.metric} onChange={(e) => edit(i, { metric: e.target.value })} />
              <select className="st-input st-rule__op" aria-label="Comparison" value={d.op} onChange={(e) => edit(i, { op: e.target.value as RuleDraft['op'] })}>
                {RULE_OPS.map((op) => (
                  <option key={op} value={op}>
                    {op}
                  </option>
                ))}
              </select>
              <input className="st-input st-rule__value" aria-label="Value" inputMode="decimal" value={d.value} onChange={(e) => edit(i, { value: e.target.value })} />
              <span className="st-rule__for">
                for
                <input className="st-input st-rule__seconds" aria-label="For seconds" inputMode="numeric" value={d.forSeconds} onChange={(e) => edit(i, { forSeconds: e.target.value })} />s
              </span>
              <label className="st-check">
                <input type="checkbox" checked={d.enabled} onChange={(e) => edit(i, { enabled: e.target.checked })} />
                on
              </label>
              <button
                type="button"
                className="st-btn st-btn--quiet"
                aria-label={`Remove rule ${i + 1}`}
                onClick={() => {
                  setDirty(true);
                  setDrafts((ds) => ds.filter((_, j) => j !== i));
                }}
              >
                Remove
              </button>
              <span className={'error' in r ? 'st-notify__error st-rule__note' : 'st-notify__hint st-rule__note'}>{'error' in r ? r.error : ruleText(r.rule)}</span>
            </li>
          );
        })}
      </ul>
      <div className="st-notify__row">
        <button
          type="button"
          className="st-btn"
          disabled={drafts.length >= 50}
          onClick={() => {
            setDirty(true);
            setDrafts((ds) => [...ds, newDraft(ds)]);
          }}
        >
          Add rule
        </button>
        <button type="button" className="st-btn st-btn--primary" disabled={!dirty || !allValid || saving} onClick={save}>
          Save rules
        </button>
        {dirty && <span className="st-notify__hint">{allValid ? 'Unsaved changes.' : 'Fix the marked rules to save.'}</span>}
      </div>
    </fieldset>
  );
}
