/** The theme choice in the top bar: follow the system (default), light or dark. */
import { THEME_CHOICES, type ThemeChoice } from '../../../shared/commands';
import { useTheme } from '../state/theme';

const LABELS: Record<ThemeChoice, string> = { system: 'System', light: 'Light', dark: 'Dark' };

export function ThemePicker() {
  const choice = useTheme((s) => s.choice);
  const setChoice = useTheme((s) => s.setChoice);
  return (
    <select className="theme-picker" aria-label="Theme" title="Theme: follow the system, light or dark" value={choice} onChange={(e) => setChoice(e.target.value as ThemeChoice)}>
      {THEME_CHOICES.map((c) => (
        <option key={c} value={c}>
          {LABELS[c]}
        </option>
      ))}
    </select>
  );
}
