/** The largest fleet measured: the size the targets are set for, and the scrolling table. */
export const BIG_FLEET = 10_000;
