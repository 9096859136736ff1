/** The first row of a window of `size` rows over `count` that keeps the cursor's row inside it, near its middle. */
export const windowStart = (cursor: number, count: number, size: number): number =>
	Math.max(0, Math.min(cursor - Math.floor(size / 2), count - size));
