/** How much of the data is read, as a whole percent, below 100 until every record is (an estimate of the total may be short). */
export const loadedPercent = ({done, total}: {done: number; total: number}): number =>
	Math.min(99, Math.floor((100 * done) / Math.max(1, total)));

/** Data this large takes a second or more to read behind the first rows: that it is whole now is worth a notice (below, nobody saw it load). */
export const loadWorthSaying = 20_000;
