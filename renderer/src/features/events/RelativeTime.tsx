import { useNow } from '../../state/clock';
import { absoluteTime, agoText } from './attention-text';

/** A time as "4 min ago", with the absolute time on hover and in the markup. */
export function RelativeTime({ ms, className }: { ms: number; className?: string }) {
  const now = useNow();
  return (
    <time className={className ?? 'st-reltime'} dateTime={new Date(ms).toISOString()} title={absoluteTime(ms)}>
      {agoText(ms, now)}
    </time>
  );
}
