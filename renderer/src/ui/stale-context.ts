/**
 * True while the data on screen cannot be refreshed (the fleet is stale): Steward's own
 * verdicts drawn from it ("late") are then guesses and say so. A context, so the few late
 * badges on screen follow it without the table's rows re-rendering.
 */
import { createContext } from 'react';

export const StaleContext = createContext(false);
